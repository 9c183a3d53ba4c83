import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';

const { nn } = torch;

test('resnet18 parameter counts match torchvision (ImageNet stem, 1000 classes) and the CIFAR variant', () => {
  torch.manualSeed(0);
  const imagenet = nn.resnet18({ numClasses: 1000, stem: 'imagenet' });
  assert.equal(imagenet.numParameters(), 11_689_512);
  const sd = imagenet.stateDict();
  assert.equal(Object.keys(sd).length, 122);
  for (const key of ['conv1.weight', 'bn1.running_var', 'layer1.0.conv1.weight', 'layer2.0.downsample.0.weight',
    'layer2.0.downsample.1.running_mean', 'layer4.1.bn2.num_batches_tracked', 'fc.bias']) {
    assert.ok(key in sd, `state dict has ${key}`);
  }
  assert.ok(!('layer1.0.downsample.0.weight' in sd), 'layer1 keeps its shape, so it has no downsample');
  assert.deepEqual(sd['conv1.weight'].shape, [64, 3, 7, 7]);
  imagenet.dispose();
  const cifar = nn.resnet18({ numClasses: 10, stem: 'cifar' });
  assert.equal(cifar.numParameters(), 11_173_962);
  assert.deepEqual(cifar.stateDict()['conv1.weight'].shape, [64, 3, 3, 3]);
  cifar.dispose();
});

test('resnet18 output and feature shapes for both stems and several widths', () => {
  torch.manualSeed(1);
  const cases = [
    { stem: 'cifar' as const, width: 8, inChannels: 3, size: 32 },
    { stem: 'cifar' as const, width: 4, inChannels: 1, size: 28 },
    { stem: 'imagenet' as const, width: 8, inChannels: 3, size: 64 },
    { stem: 'imagenet' as const, width: 16, inChannels: 3, size: 32 },
  ];
  for (const c of cases) {
    const net = nn.resnet18({ numClasses: 7, inChannels: c.inChannels, width: c.width, stem: c.stem });
    torch.tidy(() => {
      const x = torch.randn([2, c.inChannels, c.size, c.size]);
      assert.deepEqual(net.forward(x).shape, [2, 7], `${JSON.stringify(c)} logits`);
      net.eval();
      assert.deepEqual(net.features(x).shape, [2, 8 * c.width], `${JSON.stringify(c)} features`);
      assert.equal(net.numFeatures, 8 * c.width);
    });
    net.dispose();
  }
});

test('resnet18 initialisation follows torchvision and is reproducible', () => {
  torch.manualSeed(2);
  const a = nn.resnet18({ numClasses: 3, width: 8, stem: 'cifar' });
  torch.manualSeed(2);
  const b = nn.resnet18({ numClasses: 3, width: 8, stem: 'cifar' });
  for (const [k, t] of Object.entries(a.stateDict())) {
    assert.deepEqual(t.toArray(), b.stateDict()[k].toArray(), `${k} equal for equal seeds`);
  }
  const sd = a.stateDict();
  assert.deepEqual(sd['layer3.0.bn1.weight'].toArray(), new Array(32).fill(1));
  assert.deepEqual(sd['layer3.0.bn1.bias'].toArray(), new Array(32).fill(0));
  // kaiming_normal(fan_out, relu): std = sqrt(2 / (out · k · k)); layer4 convs have 64·9 fan_out.
  const std = sd['layer4.1.conv2.weight'].std().item();
  assert.ok(Math.abs(std - Math.sqrt(2 / (64 * 9))) < 0.004, `layer4 conv std ${std}`);
  a.dispose();
  b.dispose();
});

test('resnet18 trains: loss on a fixed small batch drops with Adam', () => {
  torch.manualSeed(3);
  const net = nn.resnet18({ numClasses: 4, width: 4, stem: 'cifar' });
  const opt = new torch.optim.Adam(net.parameters(), { lr: 1e-2 });
  const x = torch.randn([8, 3, 16, 16]);
  const y = torch.tensor(new BigInt64Array([0n, 1n, 2n, 3n, 0n, 1n, 2n, 3n]), [8], { dtype: 'int64' });
  const losses: number[] = [];
  for (let i = 0; i < 15; i++) {
    losses.push(torch.tidy(() => {
      opt.zeroGrad();
      const loss = torch.nn.functional.crossEntropy(net.forward(x), y);
      loss.backward();
      opt.step();
      return loss.item();
    }));
  }
  assert.ok(losses[14] < 0.5 * losses[0], `loss ${losses[0]} → ${losses[14]}`);
  torch.dispose([x, y]);
  opt.dispose();
  net.dispose();
});
