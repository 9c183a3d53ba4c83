#!/usr/bin/python3
"""Splits ResNet-18 (CIFAR stem) training steps into phases and times each, the twin of profile.ts.

Usage: /usr/bin/python3 profile.py <threads> [batch=32] [steps=8] -> one JSON line of median wall ms per phase.
"""
import json
import sys
import time

import torch
import torch.nn.functional as F

from workloads import ResNet18Cifar

threads = int(sys.argv[1])
batch = int(sys.argv[2]) if len(sys.argv) > 2 else 32
steps = int(sys.argv[3]) if len(sys.argv) > 3 else 8
torch.set_num_threads(threads)
torch.manual_seed(0)
model = ResNet18Cifar()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.randn(batch, 3, 32, 32)
y = torch.randint(0, 10, (batch,))
phases = {k: [] for k in ['zeroGrad', 'forward', 'backward', 'adam', 'dispose', 'cpuStep']}
for i in range(steps + 1):
    cpu0 = time.process_time()
    t = [time.perf_counter()]

    def lap(name):
        t1 = time.perf_counter()
        if i > 0:
            phases[name].append((t1 - t[0]) * 1e3)
        t[0] = t1

    opt.zero_grad(set_to_none=True)
    lap('zeroGrad')
    loss = F.cross_entropy(model(x), y)
    lap('forward')
    loss.backward()
    lap('backward')
    opt.step()
    lap('adam')
    del loss
    lap('dispose')
    if i > 0:
        phases['cpuStep'].append((time.process_time() - cpu0) * 1e3)
out = {k: round(sorted(v)[len(v) // 2], 1) for k, v in phases.items()}
print(json.dumps({'side': 'py', 'batch': batch, 'steps': steps, 'threads': torch.get_num_threads(), 'ms': out}))
