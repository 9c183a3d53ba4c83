import { Tensor } from '../index.js';
import * as F from '../functional.js';
import { BatchNorm2d } from './batchnorm.js';
import { checkInputDims, checkPositiveInt } from './check.js';
import { Conv2d } from './conv.js';
import { kaimingNormalFanOut } from './init.js';
import { Linear } from './linear.js';
import { MaxPool2d } from './activation.js';
import { Module } from './module.js';
import { pipe } from './pipe.js';
import { Sequential } from './sequential.js';

export interface ResNet18Options {
  numClasses: number;
  /** Input channels (default 3). */
  inChannels?: number;
  /** Channels of the first stage; stages have width·[1, 2, 4, 8] (default 64, torchvision's). */
  width?: number;
  /** 'imagenet': 7×7/2 conv + BN + ReLU + 3×3/2 max-pool (torchvision); 'cifar': 3×3/1 conv + BN + ReLU. */
  stem: 'cifar' | 'imagenet';
}

/** ResNet basic block: relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)), shortcut = 1×1 conv + BN when the shape changes. */
export class BasicBlock extends Module {
  readonly conv1: Conv2d;
  readonly bn1: BatchNorm2d;
  readonly conv2: Conv2d;
  readonly bn2: BatchNorm2d;
  readonly downsample: Sequential | null;

  /** `downsample` is built by the caller first, as torchvision does, so random draws happen in its order. */
  constructor(inPlanes: number, planes: number, stride: number, downsample: Sequential | null) {
    super();
    this.conv1 = this.registerModule('conv1', new Conv2d(inPlanes, planes, 3, { stride, padding: 1, bias: false }));
    this.bn1 = this.registerModule('bn1', new BatchNorm2d(planes));
    this.conv2 = this.registerModule('conv2', new Conv2d(planes, planes, 3, { stride: 1, padding: 1, bias: false }));
    this.bn2 = this.registerModule('bn2', new BatchNorm2d(planes));
    this.downsample = downsample === null ? null : this.registerModule('downsample', downsample);
  }

  forward(x: Tensor): Tensor {
    const out = pipe(x, [
      (t) => this.conv1.forward(t), (t) => this.bn1.forward(t), F.relu, (t) => this.conv2.forward(t), (t) => this.bn2.forward(t),
    ]);
    const shortcut = this.downsample === null ? x : this.downsample.forward(x);
    const sum = out.add(shortcut);
    out.dispose();
    if (shortcut !== x) shortcut.dispose();
    const y = F.relu(sum);
    sum.dispose();
    return y;
  }
}

/** ResNet-18 (He et al. 2016, torchvision layout and parameter names); see `resnet18`. */
export class ResNet extends Module {
  readonly conv1: Conv2d;
  readonly bn1: BatchNorm2d;
  readonly maxpool: MaxPool2d | null;
  readonly layer1: Sequential;
  readonly layer2: Sequential;
  readonly layer3: Sequential;
  readonly layer4: Sequential;
  readonly fc: Linear;
  /** Length of `features(x)` rows: 8·width. */
  readonly numFeatures: number;

  constructor(readonly options: Required<ResNet18Options>) {
    super();
    const { numClasses, inChannels, width, stem } = options;
    checkPositiveInt('resnet18', 'numClasses', numClasses);
    checkPositiveInt('resnet18', 'inChannels', inChannels);
    checkPositiveInt('resnet18', 'width', width);
    if (stem !== 'cifar' && stem !== 'imagenet') {
      throw new Error(`resnet18: stem must be 'cifar' or 'imagenet', got '${String(stem)}'`);
    }
    this.conv1 = this.registerModule('conv1', stem === 'imagenet'
      ? new Conv2d(inChannels, width, 7, { stride: 2, padding: 3, bias: false })
      : new Conv2d(inChannels, width, 3, { stride: 1, padding: 1, bias: false }));
    this.bn1 = this.registerModule('bn1', new BatchNorm2d(width));
    this.maxpool = stem === 'imagenet' ? this.registerModule('maxpool', new MaxPool2d(3, 2, 1)) : null;
    let inPlanes = width;
    const stage = (planes: number, stride: number): Sequential => {
      const blocks: BasicBlock[] = [];
      for (let i = 0; i < 2; i++) {
        const s = i === 0 ? stride : 1;
        const downsample = s !== 1 || inPlanes !== planes
          ? new Sequential(new Conv2d(inPlanes, planes, 1, { stride: s, bias: false }), new BatchNorm2d(planes))
          : null;
        blocks.push(new BasicBlock(inPlanes, planes, s, downsample));
        inPlanes = planes;
      }
      return new Sequential(...blocks);
    };
    this.layer1 = this.registerModule('layer1', stage(width, 1));
    this.layer2 = this.registerModule('layer2', stage(2 * width, 2));
    this.layer3 = this.registerModule('layer3', stage(4 * width, 2));
    this.layer4 = this.registerModule('layer4', stage(8 * width, 2));
    this.numFeatures = 8 * width;
    this.fc = this.registerModule('fc', new Linear(this.numFeatures, numClasses));
    // torchvision re-initialises every conv after construction (BN already has weight 1, bias 0).
    for (const [, m] of this.namedModules()) if (m instanceof Conv2d) kaimingNormalFanOut(m.weight);
  }

  /** Average-pooled features before `fc`: [N, 8·width]. */
  features(x: Tensor): Tensor {
    checkInputDims('ResNet', x.shape, [4], 'N, C, H, W');
    const stem = this.maxpool === null ? [] : [this.maxpool];
    const modules = [this.conv1, this.bn1, F.relu, ...stem, this.layer1, this.layer2, this.layer3, this.layer4];
    return pipe(x, [
      ...modules.map((m) => (m instanceof Module ? (t: Tensor): Tensor => m.forward(t) : m)),
      (t) => F.adaptiveAvgPool2d(t, [1, 1]),
      (t) => F.flatten(t, 1),
    ]);
  }

  forward(x: Tensor): Tensor {
    return pipe(x, [(t) => this.features(t), (t) => this.fc.forward(t)]);
  }

  protected override extraRepr(): string {
    const o = this.options;
    return `numClasses=${o.numClasses}, inChannels=${o.inChannels}, width=${o.width}, stem=${o.stem}`;
  }
}

/** ResNet-18: BasicBlock ×[2, 2, 2, 2], stage widths width·[1, 2, 4, 8], torchvision initialisation. */
export function resnet18(options: ResNet18Options): ResNet {
  return new ResNet({ inChannels: 3, width: 64, ...options });
}
