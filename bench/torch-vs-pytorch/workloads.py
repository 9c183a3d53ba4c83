#!/usr/bin/python3
"""One benchmark workload in PyTorch, the twin of workloads.ts.

Usage: /usr/bin/python3 workloads.py <mlp|convnet|resnet18> <threads>
Prints one JSON line {workload, side, seconds, cpuSeconds, loss, threads}; cpuSeconds is process CPU time
(user + system, all threads) of the timed steps, less sensitive to other jobs on the machine than wall time.
"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def train(model, x, y, batch, steps, warmup):
    """Adam on batches cut in order from (x, y); the first `warmup` steps are not timed. Returns (wall s, CPU s, last loss)."""
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    per_epoch = x.shape[0] // batch

    def step(i):
        start = (i % per_epoch) * batch
        opt.zero_grad(set_to_none=True)  # as @entangle/torch's zeroGrad
        loss = F.cross_entropy(model(x.narrow(0, start, batch)), y.narrow(0, start, batch))
        loss.backward()
        opt.step()
        return loss.item()

    for i in range(warmup):
        step(i)
    t0, cpu0 = time.perf_counter(), time.process_time()
    loss = float('nan')
    for i in range(steps):
        loss = step(i)
    return time.perf_counter() - t0, time.process_time() - cpu0, loss


def mlp():
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
    x = torch.randn(8192, 784)
    y = torch.randint(0, 10, (8192,))
    return train(model, x, y, 128, 2 * (8192 // 128), 1)


def convnet():
    model = nn.Sequential(
        nn.Conv2d(1, 32, 5, padding=2), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 32, 5, stride=2, padding=2), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 3 * 3, 10),
    )
    x = torch.randn(2048, 1, 28, 28)
    y = torch.randint(0, 10, (2048,))
    return train(model, x, y, 128, 2048 // 128, 1)


class BasicBlock(nn.Module):
    def __init__(self, in_planes, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or in_planes != planes:
            self.downsample = nn.Sequential(nn.Conv2d(in_planes, planes, 1, stride=stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(out + (x if self.downsample is None else self.downsample(x)))


class ResNet18Cifar(nn.Module):
    """torchvision's resnet18 with the CIFAR stem (3x3/1 conv, no max-pool), as resnet18({stem: 'cifar'})."""

    def __init__(self, num_classes=10, width=64):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, 3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        stages, in_planes = [], width
        for i, planes in enumerate([width, 2 * width, 4 * width, 8 * width]):
            stride = 1 if i == 0 else 2
            stages.append(nn.Sequential(BasicBlock(in_planes, planes, stride), BasicBlock(planes, planes, 1)))
            in_planes = planes
        self.layer1, self.layer2, self.layer3, self.layer4 = stages
        self.fc = nn.Linear(8 * width, num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode='fan_out', nonlinearity='relu')

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.layer4(self.layer3(self.layer2(self.layer1(y))))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(y, (1, 1)), 1))


def resnet18():
    model = ResNet18Cifar()
    x = torch.randn(128 * 6, 3, 32, 32)
    y = torch.randint(0, 10, (128 * 6,))
    return train(model, x, y, 128, 5, 1)


WORKLOADS = {'mlp': mlp, 'convnet': convnet, 'resnet18': resnet18}

if __name__ == '__main__':
    name, threads = sys.argv[1], int(sys.argv[2])
    if name not in WORKLOADS:
        sys.exit("workloads.py: unknown workload '%s'; expected one of %s" % (name, ', '.join(WORKLOADS)))
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    seconds, cpu_seconds, loss = WORKLOADS[name]()
    print(json.dumps({'workload': name, 'side': 'py', 'seconds': seconds, 'cpuSeconds': cpu_seconds, 'loss': loss,
                      'threads': torch.get_num_threads()}))
