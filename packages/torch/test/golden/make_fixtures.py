#!/usr/bin/python3
"""Writes the golden-value fixtures of @entangle/torch from PyTorch 1.13.

Run: /usr/bin/python3 packages/torch/test/golden/make_fixtures.py
Each family of ops becomes fixtures/<family>.json; docs/golden-tests.md describes the format.
Inputs come from torch.manual_seed(crc32(case name)), so re-running gives identical files.
"""
import json
import math
import os
import zlib

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, 'fixtures')
F64 = torch.float64
F32 = torch.float32
DTYPE_NAMES = {torch.float32: 'float32', torch.float64: 'float64', torch.int64: 'int64',
               torch.bool: 'bool', torch.uint8: 'uint8'}


def seed_of(name):
    return zlib.crc32(name.encode()) & 0x7fffffff


def number(v):
    """JSON has no NaN/Infinity: they are written as the strings 'nan', 'inf', '-inf'."""
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, float) and not math.isfinite(v):
        return 'nan' if math.isnan(v) else ('inf' if v > 0 else '-inf')
    return v


def encode(t):
    t = t.detach().contiguous()
    data = t.reshape(-1).tolist()
    return {'dtype': DTYPE_NAMES[t.dtype], 'shape': list(t.shape), 'data': [number(v) for v in data]}


def flatten_outputs(out):
    """Output structure -> list of (name, tensor); same rule as flattenOutputs in runner.ts."""
    if isinstance(out, torch.Tensor):
        return [('out', out)]
    if type(out).__module__ == 'torch.return_types':  # max/min/topk/sort: (values, indices)
        return [('values', out.values), ('indices', out.indices)]
    if isinstance(out, (list, tuple)):
        return [(str(i), t) for i, t in enumerate(out)]
    if isinstance(out, dict):
        return list(out.items())
    raise TypeError('unsupported output %r' % type(out))


class Family:
    def __init__(self, name):
        self.name = name
        self.cases = []

    def case(self, name, op, inputs, fn, params=None, grad=True, seed_sensitive=False, raises=False):
        """inputs: list of (name, tensor | list of tensors[, wants_grad]); fn(**tensors) -> output structure.

        Float inputs require grad when grad=True, and the fixture records d((out*g).sum())/d input.
        seed_sensitive: the op draws from the global generator; the runner seeds it with params.seed.
        raises: PyTorch rejects these inputs; the fixture records its message and the runner expects a TorchError.
        """
        full = '%s/%s' % (op, name)
        assert all(c['name'] != full for c in self.cases), 'duplicate case ' + full
        params = params or {}
        prepared = {}
        encoded_inputs = []
        inputs = [(i[0], i[1], i[2] if len(i) > 2 else True) for i in inputs]
        for in_name, value, wants_grad in inputs:
            values = value if isinstance(value, list) else [value]
            leaves = []
            for v in values:
                v = v.detach().clone()
                if grad and wants_grad and v.is_floating_point():
                    v.requires_grad_(True)
                leaves.append(v)
            prepared[in_name] = leaves if isinstance(value, list) else leaves[0]
            entry = {'name': in_name, 'grad': bool(grad and wants_grad and values[0].is_floating_point())}
            if isinstance(value, list):
                entry['list'] = [encode(v) for v in values]
            else:
                entry['t'] = encode(values[0])
            encoded_inputs.append(entry)
        if seed_sensitive:
            torch.manual_seed(params['seed'])
        if raises:
            try:
                fn(**prepared)
            except (RuntimeError, IndexError, ValueError) as e:
                message = str(e).strip().splitlines()[0]
            else:
                raise AssertionError(full + ' was expected to raise')
            self.cases.append({'name': full, 'op': op, 'params': params, 'inputs': encoded_inputs, 'outputs': [],
                               'error': message})
            return
        out = fn(**prepared)
        outputs = flatten_outputs(out)
        record = {'name': full, 'op': op, 'params': params, 'inputs': encoded_inputs,
                  'outputs': [{'name': n, 't': encode(t)} for n, t in outputs]}
        differentiable = [(n, t) for n, t in outputs if t.requires_grad]
        if grad and differentiable:
            torch.manual_seed(seed_of(full + '/g'))
            loss = 0
            g_list = []
            for n, t in differentiable:
                g = torch.randn(t.shape, dtype=t.dtype)
                g_list.append({'name': n, 't': encode(g)})
                loss = loss + (t * g).sum()
            leaves = []
            for in_name, _, _ in inputs:
                v = prepared[in_name]
                for i, leaf in enumerate(v if isinstance(v, list) else [v]):
                    if leaf.requires_grad:
                        leaves.append(((in_name, i if isinstance(v, list) else None), leaf))
            grads = torch.autograd.grad(loss, [l for _, l in leaves], allow_unused=True)
            record['g'] = g_list
            record['grads'] = []
            for ((in_name, index), _), gr in zip(leaves, grads):
                if gr is not None:
                    entry = {'name': in_name, 't': encode(gr)}
                    if index is not None:
                        entry['index'] = index
                    record['grads'].append(entry)
        self.cases.append(record)

    def write(self):
        os.makedirs(OUT_DIR, exist_ok=True)
        path = os.path.join(OUT_DIR, self.name + '.json')
        doc = {'family': self.name, 'generator': 'make_fixtures.py', 'torch': torch.__version__,
               'cases': self.cases}
        with open(path, 'w') as f:
            json.dump(doc, f, separators=(',', ':'))
            f.write('\n')
        print('%-14s %3d cases  %7d bytes' % (self.name, len(self.cases), os.path.getsize(path)))


def randn(name, *shape, dtype=F64, scale=1.0, offset=0.0):
    torch.manual_seed(seed_of(name))
    return torch.randn(*shape, dtype=dtype) * scale + offset


def rand(name, *shape, dtype=F64, low=0.0, high=1.0):
    torch.manual_seed(seed_of(name))
    return torch.rand(*shape, dtype=dtype) * (high - low) + low


def halves(name, *shape):
    """Values on a 0.5 grid in [-2, 2], so comparisons meet ties."""
    torch.manual_seed(seed_of(name))
    return (torch.randint(-4, 5, shape) / 2).to(F64)


def randint(name, low, high, *shape):
    torch.manual_seed(seed_of(name))
    return torch.randint(low, high, shape)


def mask(name, *shape):
    torch.manual_seed(seed_of(name))
    return torch.rand(*shape) > 0.5


# ---------------------------------------------------------------- creation
def creation():
    fam = Family('creation')
    fam.case('float64', 'tensor', [], lambda: torch.tensor([[1.5, -2.25, 3.0], [0.1, 1e-3, -7.0]], dtype=F64),
             params={'data': [1.5, -2.25, 3.0, 0.1, 1e-3, -7.0], 'shape': [2, 3], 'dtype': 'float64'})
    fam.case('float32', 'tensor', [], lambda: torch.tensor([1.5, -2.25, 0.1], dtype=F32),
             params={'data': [1.5, -2.25, 0.1], 'dtype': 'float32'})
    fam.case('default_float32', 'tensor', [], lambda: torch.tensor([1.5, -2.25, 0.1]),
             params={'data': [1.5, -2.25, 0.1]})
    fam.case('int64', 'tensor', [], lambda: torch.tensor([[3, -1], [0, 9]]),
             params={'data': [3, -1, 0, 9], 'shape': [2, 2], 'dtype': 'int64'})
    fam.case('bool', 'tensor', [], lambda: torch.tensor([True, False, True]),
             params={'data': [1, 0, 1], 'dtype': 'bool'})
    fam.case('uint8', 'tensor', [], lambda: torch.tensor([0, 7, 255], dtype=torch.uint8),
             params={'data': [0, 7, 255], 'dtype': 'uint8'})
    fam.case('scalar', 'tensor', [], lambda: torch.tensor(2.5, dtype=F64),
             params={'data': [2.5], 'shape': [], 'dtype': 'float64'})
    fam.case('default', 'zeros', [], lambda: torch.zeros(2, 3), params={'shape': [2, 3]})
    fam.case('float64', 'zeros', [], lambda: torch.zeros(4, dtype=F64), params={'shape': [4], 'dtype': 'float64'})
    fam.case('int64', 'zeros', [], lambda: torch.zeros(2, 2, dtype=torch.int64),
             params={'shape': [2, 2], 'dtype': 'int64'})
    fam.case('default', 'ones', [], lambda: torch.ones(3, 1), params={'shape': [3, 1]})
    fam.case('float64', 'ones', [], lambda: torch.ones(2, 2, 2, dtype=F64),
             params={'shape': [2, 2, 2], 'dtype': 'float64'})
    fam.case('float32', 'full', [], lambda: torch.full((2, 3), 3.5), params={'shape': [2, 3], 'value': 3.5})
    fam.case('float64', 'full', [], lambda: torch.full((3,), -0.25, dtype=F64),
             params={'shape': [3], 'value': -0.25, 'dtype': 'float64'})
    fam.case('int64', 'full', [], lambda: torch.full((2,), 7, dtype=torch.int64),
             params={'shape': [2], 'value': 7, 'dtype': 'int64'})
    fam.case('end_only', 'arange', [], lambda: torch.arange(5, dtype=torch.int64),
             params={'start': 5, 'dtype': 'int64'})
    fam.case('start_end_step', 'arange', [], lambda: torch.arange(1, 8, 2, dtype=torch.int64),
             params={'start': 1, 'end': 8, 'step': 2, 'dtype': 'int64'})
    fam.case('fractional_step', 'arange', [], lambda: torch.arange(0, 1, 0.25, dtype=F64),
             params={'start': 0, 'end': 1, 'step': 0.25, 'dtype': 'float64'})
    fam.case('negative_step', 'arange', [], lambda: torch.arange(3, -3, -1.5, dtype=F32),
             params={'start': 3, 'end': -3, 'step': -1.5, 'dtype': 'float32'})
    fam.case('default', 'eye', [], lambda: torch.eye(3), params={'n': 3})
    fam.case('float64', 'eye', [], lambda: torch.eye(2, dtype=F64), params={'n': 2, 'dtype': 'float64'})
    fam.case('float64', 'zerosLike', [('x', randn('zl', 2, 3))], lambda x: torch.zeros_like(x), grad=False)
    fam.case('int64', 'zerosLike', [('x', randint('zli', 0, 5, 4))], lambda x: torch.zeros_like(x), grad=False)
    fam.case('float64', 'onesLike', [('x', randn('ol', 3, 1))], lambda x: torch.ones_like(x), grad=False)
    fam.case('float32', 'onesLike', [('x', randn('ol32', 2, dtype=F32))], lambda x: torch.ones_like(x), grad=False)
    fam.write()


# ---------------------------------------------------------------- random (global generator)
def random():
    fam = Family('random')
    fam.case('float32', 'rand', [], lambda: torch.rand(3, 4), params={'seed': 42, 'shape': [3, 4]},
             seed_sensitive=True)
    fam.case('float64', 'rand', [], lambda: torch.rand(20, dtype=F64),
             params={'seed': 7, 'shape': [20], 'dtype': 'float64'}, seed_sensitive=True)
    fam.case('float32', 'randn', [], lambda: torch.randn(2, 5), params={'seed': 42, 'shape': [2, 5]},
             seed_sensitive=True)
    fam.case('float32_vectorized', 'randn', [], lambda: torch.randn(40), params={'seed': 3, 'shape': [40]},
             seed_sensitive=True)
    fam.case('float64', 'randn', [], lambda: torch.randn(6, dtype=F64),
             params={'seed': 11, 'shape': [6], 'dtype': 'float64'}, seed_sensitive=True)
    fam.case('basic', 'randint', [], lambda: torch.randint(-3, 10, (4, 3)),
             params={'seed': 5, 'low': -3, 'high': 10, 'shape': [4, 3]}, seed_sensitive=True)
    fam.case('basic', 'randperm', [], lambda: torch.randperm(10), params={'seed': 9, 'n': 10},
             seed_sensitive=True)
    fam.case('float64', 'bernoulli', [('p', rand('bern', 3, 4))], lambda p: torch.bernoulli(p),
             params={'seed': 13}, grad=False, seed_sensitive=True)
    fam.case('float32', 'Tensor.normalInPlace', [('x', torch.zeros(3, 3))],
             lambda x: x.clone().normal_(1.5, 0.5), params={'seed': 17, 'mean': 1.5, 'std': 0.5},
             grad=False, seed_sensitive=True)
    fam.case('float64', 'Tensor.uniformInPlace', [('x', torch.zeros(8, dtype=F64))],
             lambda x: x.clone().uniform_(-2, 3), params={'seed': 19, 'a': -2, 'b': 3},
             grad=False, seed_sensitive=True)
    fam.case('float32', 'normal_', [('x', torch.zeros(2, 5))], lambda x: x.clone().normal_(-1.0, 2.0),
             params={'seed': 29, 'mean': -1.0, 'std': 2.0}, grad=False, seed_sensitive=True)
    fam.case('float64', 'uniform_', [('x', torch.zeros(2, 3, dtype=F64))], lambda x: x.clone().uniform_(0.5, 1.5),
             params={'seed': 31, 'a': 0.5, 'b': 1.5}, grad=False, seed_sensitive=True)
    fam.case('p_half', 'F.dropout', [('x', torch.ones(4, 5, dtype=F64))],
             lambda x: F.dropout(x, 0.5, True), params={'seed': 23, 'p': 0.5, 'training': True},
             seed_sensitive=True)
    fam.write()


# ---------------------------------------------------------------- views and indexing
def views():
    fam = Family('views')
    x234 = randn('x234', 2, 3, 4)
    fam.case('basic', 'reshape', [('x', x234)], lambda x: x.reshape(4, 6), params={'shape': [4, 6]})
    fam.case('infer', 'reshape', [('x', x234)], lambda x: x.reshape(-1, 3), params={'shape': [-1, 3]})
    fam.case('basic', 'view', [('x', x234)], lambda x: x.view(3, 8), params={'shape': [3, 8]})
    fam.case('infer', 'view', [('x', x234)], lambda x: x.view(2, -1), params={'shape': [2, -1]})
    fam.case('basic', 'permute', [('x', x234)], lambda x: x.permute(2, 0, 1), params={'dims': [2, 0, 1]})
    fam.case('basic', 'transpose', [('x', x234)], lambda x: x.transpose(0, 2), params={'d0': 0, 'd1': 2})
    fam.case('negative', 'transpose', [('x', x234)], lambda x: x.transpose(-1, -2), params={'d0': -1, 'd1': -2})
    fam.case('default', 'flatten', [('x', x234)], lambda x: x.flatten(), params={})
    fam.case('start', 'flatten', [('x', x234)], lambda x: x.flatten(1), params={'start': 1})
    fam.case('start_end', 'flatten', [('x', randn('fl4', 2, 3, 2, 2))], lambda x: x.flatten(1, 2),
             params={'start': 1, 'end': 2})
    x1 = randn('sq', 2, 1, 3, 1)
    fam.case('all', 'squeeze', [('x', x1)], lambda x: x.squeeze(), params={})
    fam.case('dim', 'squeeze', [('x', x1)], lambda x: x.squeeze(1), params={'dim': 1})
    fam.case('dim_not_one', 'squeeze', [('x', x1)], lambda x: x.squeeze(0), params={'dim': 0})
    fam.case('front', 'unsqueeze', [('x', randn('us', 3, 2))], lambda x: x.unsqueeze(0), params={'dim': 0})
    fam.case('negative', 'unsqueeze', [('x', randn('us', 3, 2))], lambda x: x.unsqueeze(-1), params={'dim': -1})
    fam.case('basic', 'narrow', [('x', x234)], lambda x: x.narrow(2, 1, 2), params={'dim': 2, 'start': 1, 'length': 2})
    fam.case('step1', 'slice', [('x', x234)], lambda x: x[:, 1:3], params={'dim': 1, 'start': 1, 'end': 3})
    fam.case('step2', 'slice', [('x', x234)], lambda x: x[:, :, 0:4:2],
             params={'dim': 2, 'start': 0, 'end': 4, 'step': 2})
    fam.case('negative_start', 'slice', [('x', x234)], lambda x: x[:, :, -3:4],
             params={'dim': 2, 'start': -3, 'end': 4})
    idx = torch.tensor([2, 0, 2])
    fam.case('dim1', 'indexSelect', [('x', x234), ('index', idx)], lambda x, index: x.index_select(1, index),
             params={'dim': 1})
    fam.case('dim0', 'indexSelect', [('x', randn('is0', 4, 2)), ('index', torch.tensor([3, 1]))],
             lambda x, index: x.index_select(0, index), params={'dim': 0})
    gidx = randint('gidx', 0, 4, 2, 3, 2)
    fam.case('dim2', 'gather', [('x', x234), ('index', gidx)], lambda x, index: x.gather(2, index), params={'dim': 2})
    fam.case('dim0', 'gather', [('x', randn('g0', 3, 2)), ('index', torch.tensor([[2, 0], [1, 1]]))],
             lambda x, index: x.gather(0, index), params={'dim': 0})
    sidx = torch.stack([torch.randperm(4, generator=torch.Generator().manual_seed(i))[:3] for i in range(2)])
    fam.case('dim1', 'scatter', [('x', randn('sx', 2, 4)), ('index', sidx), ('src', randn('ssrc', 2, 3))],
             lambda x, index, src: x.scatter(1, index, src), params={'dim': 1})
    fam.case('basic', 'maskedSelect', [('x', randn('ms', 3, 4)), ('mask', mask('msm', 3, 4))],
             lambda x, mask: x.masked_select(mask))
    fam.case('broadcast_mask', 'maskedSelect', [('x', randn('msb', 3, 4)), ('mask', mask('msbm', 4))],
             lambda x, mask: x.masked_select(mask))
    fam.case('basic', 'where', [('cond', mask('wc', 2, 3)), ('a', randn('wa', 2, 3)), ('b', randn('wb', 2, 3))],
             lambda cond, a, b: torch.where(cond, a, b))
    fam.case('broadcast', 'where', [('cond', mask('wcb', 3, 1)), ('a', randn('wab', 1, 4)), ('b', randn('wbb', 3, 4))],
             lambda cond, a, b: torch.where(cond, a, b))
    fam.case('dim0', 'cat', [('xs', [randn('c0', 2, 3), randn('c1', 1, 3)])], lambda xs: torch.cat(xs), params={})
    fam.case('dim_negative', 'cat', [('xs', [randn('c5', 2, 2, 1), randn('c6', 2, 2, 3)])],
             lambda xs: torch.cat(xs, -1), params={'dim': -1})
    fam.case('dim1', 'cat', [('xs', [randn('c2', 2, 1), randn('c3', 2, 3), randn('c4', 2, 2)])],
             lambda xs: torch.cat(xs, 1), params={'dim': 1})
    fam.case('dim0', 'stack', [('xs', [randn('s0', 2, 3), randn('s1', 2, 3)])], lambda xs: torch.stack(xs), params={})
    fam.case('dim_last', 'stack', [('xs', [randn('s2', 2, 3), randn('s3', 2, 3), randn('s4', 2, 3)])],
             lambda xs: torch.stack(xs, 2), params={'dim': 2})
    fam.case('uneven', 'split', [('x', randn('sp', 5, 2))], lambda x: torch.split(x, 2), params={'size': 2})
    fam.case('dim1', 'split', [('x', x234)], lambda x: torch.split(x, 2, 2), params={'size': 2, 'dim': 2})
    fam.case('even', 'chunk', [('x', randn('ch', 6, 2))], lambda x: torch.chunk(x, 3), params={'n': 3})
    fam.case('uneven_dim1', 'chunk', [('x', randn('ch2', 2, 5))], lambda x: torch.chunk(x, 2, 1),
             params={'n': 2, 'dim': 1})
    fam.case('basic', 'expand', [('x', randn('ex', 3, 1))], lambda x: x.expand(3, 4), params={'shape': [3, 4]})
    fam.case('new_dims_keep', 'expand', [('x', randn('ex2', 1, 2))], lambda x: x.expand(2, 3, -1),
             params={'shape': [2, 3, -1]})
    fam.case('basic', 'repeat', [('x', randn('rp', 2, 3))], lambda x: x.repeat(2, 1), params={'reps': [2, 1]})
    fam.case('more_dims', 'repeat', [('x', randn('rp2', 2))], lambda x: x.repeat(3, 2), params={'reps': [3, 2]})
    fam.write()


# ---------------------------------------------------------------- arithmetic, comparisons, logic
def arithmetic():
    fam = Family('arithmetic')
    a = randn('a', 2, 3, 4)
    b = randn('b', 3, 1)
    pos = rand('pos', 2, 3, 4, low=0.5, high=2.0)
    pos_b = rand('posb', 3, 1, low=-1.5, high=1.5)
    binary = {'add': torch.add, 'sub': torch.sub, 'mul': torch.mul, 'div': torch.div,
              'maximum': torch.maximum, 'minimum': torch.minimum}
    for op, fn in binary.items():
        fam.case('broadcast', op, [('x', a), ('y', b)], lambda x, y, fn=fn: fn(x, y))
        fam.case('same_shape', op, [('x', randn(op + 's', 2, 3)), ('y', randn(op + 't', 2, 3, offset=0.1))],
                 lambda x, y, fn=fn: fn(x, y))
    for op, fn, s in (('add', torch.add, 2.5), ('sub', torch.sub, -1.25), ('mul', torch.mul, -1.5),
                      ('div', torch.div, 3.0)):
        fam.case('scalar', op, [('x', a)], lambda x, fn=fn, s=s: fn(x, s), params={'scalar': s})
    fam.case('float32', 'add', [('x', randn('a32', 3, 4, dtype=F32)), ('y', randn('b32', 4, dtype=F32))],
             lambda x, y: x + y)
    fam.case('float32', 'mul', [('x', randn('m32', 3, 4, dtype=F32)), ('y', randn('n32', 3, 1, dtype=F32))],
             lambda x, y: x * y)
    fam.case('promote_f32_f64', 'add', [('x', randn('p32', 3, dtype=F32)), ('y', randn('p64', 3))],
             lambda x, y: x + y)
    fam.case('int64', 'add', [('x', randint('ia', -5, 5, 4)), ('y', randint('ib', -5, 5, 4))],
             lambda x, y: x + y, grad=False)
    fam.case('int64_true_division', 'div', [('x', randint('id', -9, 9, 5)), ('y', torch.tensor([2, -3, 4, 7, -1]))],
             lambda x, y: torch.div(x, y), grad=False)
    fam.case('int64_scalar', 'mul', [('x', randint('im', -9, 9, 4))], lambda x: torch.mul(x, 3), params={'scalar': 3},
             grad=False)
    fam.case('f32_vs_f64', 'lt', [('x', randn('lt32', 4, dtype=F32)), ('y', randn('lt64', 4))], lambda x, y: x < y,
             grad=False)
    fam.case('tensor_exponent', 'pow', [('x', pos), ('y', pos_b)], lambda x, y: torch.pow(x, y))
    fam.case('square', 'pow', [('x', a)], lambda x: torch.pow(x, 2), params={'scalar': 2})
    fam.case('sqrt', 'pow', [('x', pos)], lambda x: torch.pow(x, 0.5), params={'scalar': 0.5})
    fam.case('negative_exponent', 'pow', [('x', pos)], lambda x: torch.pow(x, -1.5), params={'scalar': -1.5})
    fam.case('basic', 'neg', [('x', a)], lambda x: torch.neg(x))
    h1, h2 = halves('h1', 3, 4), halves('h2', 4)
    for op, fn in (('eq', torch.eq), ('ne', torch.ne), ('lt', torch.lt), ('le', torch.le), ('gt', torch.gt),
                   ('ge', torch.ge)):
        fam.case('broadcast_ties', op, [('x', h1), ('y', h2)], lambda x, y, fn=fn: fn(x, y), grad=False)
        fam.case('scalar', op, [('x', h1)], lambda x, fn=fn: fn(x, 0.5), params={'scalar': 0.5}, grad=False)
    m1, m2 = mask('m1', 3, 4), mask('m2', 4)
    fam.case('broadcast', 'logicalAnd', [('x', m1), ('y', m2)], lambda x, y: torch.logical_and(x, y), grad=False)
    fam.case('broadcast', 'logicalOr', [('x', m1), ('y', m2)], lambda x, y: torch.logical_or(x, y), grad=False)
    fam.case('basic', 'logicalNot', [('x', m1)], lambda x: torch.logical_not(x), grad=False)
    fam.write()


# ---------------------------------------------------------------- unary
def unary():
    fam = Family('unary')
    a = randn('ua', 3, 4)
    pos = rand('upos', 3, 4, low=0.2, high=3.0)
    fam.case('basic', 'exp', [('x', a)], lambda x: torch.exp(x))
    fam.case('basic', 'log', [('x', pos)], lambda x: torch.log(x))
    fam.case('zero_negative', 'log', [('x', torch.tensor([0.0, -1.0, 1.0, math.e], dtype=F64))],
             lambda x: torch.log(x), grad=False)
    fam.case('basic', 'sqrt', [('x', pos)], lambda x: torch.sqrt(x))
    fam.case('basic', 'abs', [('x', a)], lambda x: torch.abs(x))
    fam.case('basic', 'sign', [('x', torch.cat([a.reshape(-1), torch.zeros(2, dtype=F64)]))], lambda x: torch.sign(x))
    fam.case('basic', 'floor', [('x', a * 3)], lambda x: torch.floor(x))
    fam.case('basic', 'round', [('x', a * 3)], lambda x: torch.round(x))
    fam.case('half_to_even', 'round', [('x', torch.tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49], dtype=F64))],
             lambda x: torch.round(x), grad=False)
    fam.case('basic', 'sin', [('x', a * 2)], lambda x: torch.sin(x))
    fam.case('basic', 'cos', [('x', a * 2)], lambda x: torch.cos(x))
    fam.case('float32', 'exp', [('x', randn('ue32', 5, dtype=F32))], lambda x: torch.exp(x))
    fam.case('min_max', 'clamp', [('x', a)], lambda x: torch.clamp(x, -0.5, 0.7), params={'min': -0.5, 'max': 0.7})
    fam.case('min_only', 'clamp', [('x', a)], lambda x: torch.clamp(x, min=0.1), params={'min': 0.1})
    fam.case('max_only', 'clamp', [('x', a)], lambda x: torch.clamp(x, max=-0.2), params={'max': -0.2})
    fam.write()


# ---------------------------------------------------------------- reductions
def reductions():
    fam = Family('reductions')
    x = randn('rx', 3, 4, 2)
    for op, fn in (('sum', torch.sum), ('mean', torch.mean)):
        fam.case('all', op, [('x', x)], lambda x, fn=fn: fn(x), params={})
        fam.case('dim1', op, [('x', x)], lambda x, fn=fn: fn(x, 1), params={'opts': {'dim': 1}})
        fam.case('dim_neg_keepdim', op, [('x', x)], lambda x, fn=fn: fn(x, -1, keepdim=True),
                 params={'opts': {'dim': -1, 'keepdim': True}})
        fam.case('dims_list', op, [('x', x)], lambda x, fn=fn: fn(x, (0, 2)), params={'opts': {'dim': [0, 2]}})
    fam.case('float32', 'sum', [('x', randn('rs32', 100, dtype=F32))], lambda x: x.sum(), params={})
    fam.case('bool_counts', 'sum', [('x', mask('rsb', 3, 5))], lambda x: x.sum(1), params={'opts': {'dim': 1}},
             grad=False)
    fam.case('empty', 'sum', [('x', torch.zeros(0, 3, dtype=F64))], lambda x: x.sum(0), params={'opts': {'dim': 0}},
             grad=False)
    fam.case('single_element_unbiased_nan', 'std', [('x', randn('std1', 2, 1))], lambda x: x.std(1),
             params={'opts': {'dim': 1}}, grad=False)
    ties = halves('ties', 4, 5)
    fam.case('ties_first_index', 'argmax', [('x', ties)], lambda x: torch.argmax(x, 1), params={'opts': {'dim': 1}},
             grad=False)
    fam.case('ties_dim1', 'max', [('x', ties)], lambda x: torch.max(x, 1), params={'opts': {'dim': 1}}, grad=False)
    fam.case('int64', 'sum', [('x', randint('rsi', -9, 9, 3, 4))], lambda x: x.sum(1), params={'opts': {'dim': 1}},
             grad=False)
    for op, fn in (('max', torch.max), ('min', torch.min)):
        fam.case('all', op, [('x', x)], lambda x, fn=fn: fn(x), params={})
        fam.case('dim1', op, [('x', x)], lambda x, fn=fn: fn(x, 1), params={'opts': {'dim': 1}})
        fam.case('dim0_keepdim', op, [('x', x)], lambda x, fn=fn: fn(x, 0, keepdim=True),
                 params={'opts': {'dim': 0, 'keepdim': True}})
    for op, fn in (('argmax', torch.argmax), ('argmin', torch.argmin)):
        fam.case('all', op, [('x', x)], lambda x, fn=fn: fn(x), params={}, grad=False)
        fam.case('dim2', op, [('x', x)], lambda x, fn=fn: fn(x, 2), params={'opts': {'dim': 2}}, grad=False)
        fam.case('dim1_keepdim', op, [('x', x)], lambda x, fn=fn: fn(x, 1, keepdim=True),
                 params={'opts': {'dim': 1, 'keepdim': True}}, grad=False)
    for op, fn in (('std', torch.std), ('var', torch.var)):
        fam.case('all', op, [('x', x)], lambda x, fn=fn: fn(x), params={})
        fam.case('all_biased', op, [('x', x)], lambda x, fn=fn: fn(x, unbiased=False),
                 params={'opts': {'unbiased': False}})
        fam.case('dim1', op, [('x', x)], lambda x, fn=fn: fn(x, 1), params={'opts': {'dim': 1}})
        fam.case('dim0_keepdim_biased', op, [('x', x)], lambda x, fn=fn: fn(x, 0, unbiased=False, keepdim=True),
                 params={'opts': {'dim': 0, 'keepdim': True, 'unbiased': False}})
    fam.write()


# ---------------------------------------------------------------- linear algebra, sort, cumsum
def linalg():
    fam = Family('linalg')
    fam.case('2d', 'matmul', [('x', randn('mm1', 3, 4)), ('y', randn('mm2', 4, 2))], lambda x, y: x @ y)
    fam.case('float32', 'matmul', [('x', randn('mm3', 5, 6, dtype=F32)), ('y', randn('mm4', 6, 3, dtype=F32))],
             lambda x, y: x @ y)
    fam.case('vec_vec', 'matmul', [('x', randn('mv1', 4)), ('y', randn('mv2', 4))], lambda x, y: x @ y)
    fam.case('vec_mat', 'matmul', [('x', randn('mv3', 3)), ('y', randn('mv4', 3, 2))], lambda x, y: x @ y)
    fam.case('mat_vec', 'matmul', [('x', randn('mv5', 2, 3)), ('y', randn('mv6', 3))], lambda x, y: x @ y)
    fam.case('batched_broadcast', 'matmul', [('x', randn('mb1', 2, 3, 4)), ('y', randn('mb2', 4, 5))],
             lambda x, y: x @ y)
    fam.case('basic', 'bmm', [('x', randn('bm1', 2, 3, 4)), ('y', randn('bm2', 2, 4, 2))], lambda x, y: torch.bmm(x, y))
    ca, cb = randn('cda', 4, 3), randn('cdb', 5, 3)
    fam.case('default_p2', 'cdist', [('a', ca), ('b', cb)], lambda a, b: torch.cdist(a, b), params={})
    fam.case('p1', 'cdist', [('a', ca), ('b', cb)], lambda a, b: torch.cdist(a, b, p=1), params={'p': 1})
    fam.case('batched', 'cdist', [('a', randn('cdc', 2, 3, 2)), ('b', randn('cdd', 2, 4, 2))],
             lambda a, b: torch.cdist(a, b), params={'p': 2})
    x = randn('tk', 3, 6)
    fam.case('largest_last_dim', 'topk', [('x', x)], lambda x: torch.topk(x, 2), params={'k': 2, 'opts': {}})
    fam.case('smallest_dim0', 'topk', [('x', x)], lambda x: torch.topk(x, 2, dim=0, largest=False),
             params={'k': 2, 'opts': {'dim': 0, 'largest': False}})
    fam.case('ascending', 'sort', [('x', x)], lambda x: torch.sort(x), params={'opts': {}})
    fam.case('descending_dim0', 'sort', [('x', x)], lambda x: torch.sort(x, dim=0, descending=True),
             params={'opts': {'dim': 0, 'descending': True}})
    fam.case('dim1', 'cumsum', [('x', x)], lambda x: torch.cumsum(x, 1), params={'dim': 1})
    fam.case('dim0', 'cumsum', [('x', x)], lambda x: torch.cumsum(x, 0), params={'dim': 0})
    fam.write()


# ---------------------------------------------------------------- nn.functional (not losses)
def functional():
    fam = Family('functional')
    x = randn('lx', 4, 5)
    w = randn('lw', 3, 5)
    b = randn('lb', 3)
    fam.case('bias', 'F.linear', [('x', x), ('w', w), ('b', b)], lambda x, w, b: F.linear(x, w, b))
    fam.case('no_bias', 'F.linear', [('x', x), ('w', w)], lambda x, w: F.linear(x, w))
    fam.case('batched_3d', 'F.linear', [('x', randn('lx3', 2, 3, 5)), ('w', w), ('b', b)],
             lambda x, w, b: F.linear(x, w, b))
    fam.case('float32', 'F.linear', [('x', x.float()), ('w', w.float()), ('b', b.float())],
             lambda x, w, b: F.linear(x, w, b))

    cx = randn('cx', 2, 4, 7, 6)
    cw = randn('cw', 6, 4, 3, 3, scale=0.3)
    cb = randn('cb', 6)
    conv_cases = [
        ('basic', cw, cb, {}),
        ('stride2_pad1', cw, cb, {'stride': 2, 'padding': 1}),
        ('dilation2', cw, cb, {'dilation': 2}),
        ('groups2_no_bias', randn('cwg', 6, 2, 3, 3, scale=0.3), None, {'groups': 2, 'padding': 1}),
        ('pairs', randn('cwp', 3, 4, 2, 3, scale=0.3), randn('cbp', 3),
         {'stride': [2, 1], 'padding': [1, 0], 'dilation': [1, 2]}),
        ('depthwise', randn('cwd', 4, 1, 3, 3, scale=0.3), None, {'groups': 4, 'stride': 2, 'padding': 1}),
    ]
    for name, weight, bias, opts in conv_cases:
        inputs = [('x', cx), ('w', weight)] + ([('b', bias)] if bias is not None else [])

        def conv(x, w, b=None, opts=opts):
            return F.conv2d(x, w, b, opts.get('stride', 1), opts.get('padding', 0), opts.get('dilation', 1),
                            opts.get('groups', 1))
        fam.case(name, 'F.conv2d', inputs, conv, params={'opts': opts})
    fam.case('float32', 'F.conv2d', [('x', cx.float()), ('w', cw.float()), ('b', cb.float())],
             lambda x, w, b: F.conv2d(x, w, b, padding=1), params={'opts': {'padding': 1}})

    px = randn('px', 2, 3, 6, 7)
    for op, fn in (('F.maxPool2d', F.max_pool2d), ('F.avgPool2d', F.avg_pool2d)):
        fam.case('kernel2', op, [('x', px)], lambda x, fn=fn: fn(x, 2), params={'opts': {'kernel': 2}})
        fam.case('k3_s2_p1', op, [('x', px)], lambda x, fn=fn: fn(x, 3, 2, 1),
                 params={'opts': {'kernel': 3, 'stride': 2, 'padding': 1}})
        fam.case('k2_s1', op, [('x', px)], lambda x, fn=fn: fn(x, 2, 1), params={'opts': {'kernel': 2, 'stride': 1}})
        fam.case('k2_ceil_mode', op, [('x', px)], lambda x, fn=fn: fn(x, 2, ceil_mode=True),
                 params={'opts': {'kernel': 2, 'ceilMode': True}})
        fam.case('pair_kernel', op, [('x', px)], lambda x, fn=fn: fn(x, (2, 3), (1, 2), (1, 1)),
                 params={'opts': {'kernel': [2, 3], 'stride': [1, 2], 'padding': [1, 1]}})
    fam.case('divisible', 'F.adaptiveAvgPool2d', [('x', randn('ap', 2, 3, 4, 6))],
             lambda x: F.adaptive_avg_pool2d(x, (2, 3)), params={'size': [2, 3]})
    fam.case('non_divisible', 'F.adaptiveAvgPool2d', [('x', randn('ap2', 1, 2, 5, 7))],
             lambda x: F.adaptive_avg_pool2d(x, (3, 2)), params={'size': [3, 2]})
    fam.case('global', 'F.adaptiveAvgPool2d', [('x', randn('ap3', 2, 3, 4, 4))],
             lambda x: F.adaptive_avg_pool2d(x, (1, 1)), params={'size': [1, 1]})

    bx = randn('bx', 4, 3, 3, 2, scale=2.0, offset=0.5)
    rm, rv = randn('brm', 3, scale=0.1), rand('brv', 3, low=0.5, high=1.5)
    bw, bb = randn('bw', 3, offset=1.0), randn('bb', 3)

    def bn(training, momentum, eps, affine=True):
        def run(x, runningMean, runningVar, weight=None, bias=None):
            out = F.batch_norm(x, runningMean, runningVar, weight, bias, training, momentum, eps)
            return {'out': out, 'runningMean': runningMean, 'runningVar': runningVar}
        return run
    stats = [('runningMean', rm, False), ('runningVar', rv, False)]
    fam.case('train_affine', 'F.batchNorm', [('x', bx)] + stats + [('weight', bw), ('bias', bb)],
             bn(True, 0.1, 1e-5), params={'opts': {'training': True, 'momentum': 0.1, 'eps': 1e-5}})
    fam.case('train_no_affine', 'F.batchNorm', [('x', bx)] + stats, bn(True, 0.3, 1e-3),
             params={'opts': {'training': True, 'momentum': 0.3, 'eps': 1e-3}})
    fam.case('eval_affine', 'F.batchNorm', [('x', bx)] + stats + [('weight', bw), ('bias', bb)],
             bn(False, 0.1, 1e-5), params={'opts': {'training': False, 'momentum': 0.1, 'eps': 1e-5}})
    fam.case('train_2d_input', 'F.batchNorm', [('x', randn('bx2', 5, 3))] + stats + [('weight', bw), ('bias', bb)],
             bn(True, 0.1, 1e-5), params={'opts': {'training': True, 'momentum': 0.1, 'eps': 1e-5}})

    dx = randn('dx', 3, 4)
    fam.case('p0_train', 'F.dropout', [('x', dx)], lambda x: F.dropout(x, 0.0, True), params={'p': 0, 'training': True})
    fam.case('p1_train', 'F.dropout', [('x', dx)], lambda x: F.dropout(x, 1.0, True), params={'p': 1, 'training': True})
    fam.case('eval', 'F.dropout', [('x', dx)], lambda x: F.dropout(x, 0.4, False), params={'p': 0.4, 'training': False})

    ax = randn('actx', 3, 5, scale=2.0)
    fam.case('basic', 'F.relu', [('x', ax)], lambda x: F.relu(x))
    fam.case('default_slope', 'F.leakyRelu', [('x', ax)], lambda x: F.leaky_relu(x), params={})
    fam.case('slope_0.2', 'F.leakyRelu', [('x', ax)], lambda x: F.leaky_relu(x, 0.2), params={'slope': 0.2})
    fam.case('basic', 'F.sigmoid', [('x', ax)], lambda x: torch.sigmoid(x))
    fam.case('basic', 'F.tanh', [('x', ax)], lambda x: torch.tanh(x))
    sx = randn('smx', 2, 3, 4, scale=3.0)
    for op, fn in (('F.softmax', F.softmax), ('F.logSoftmax', F.log_softmax)):
        fam.case('dim_last', op, [('x', sx)], lambda x, fn=fn: fn(x, -1), params={'dim': -1})
        fam.case('dim1', op, [('x', sx)], lambda x, fn=fn: fn(x, 1), params={'dim': 1})
        fam.case('float32', op, [('x', sx.float())], lambda x, fn=fn: fn(x, 2), params={'dim': 2})
    fam.case('large_logits', 'F.logSoftmax', [('x', torch.tensor([[1000.0, 0.0, -1000.0]], dtype=F64))],
             lambda x: F.log_softmax(x, 1), params={'dim': 1})

    ix = randn('ix', 1, 2, 3, 4)
    interp = [
        ('bilinear_size', {'size': [5, 7], 'mode': 'bilinear', 'alignCorners': False}),
        ('bilinear_size_align', {'size': [5, 7], 'mode': 'bilinear', 'alignCorners': True}),
        ('bilinear_scale2', {'scaleFactor': 2, 'mode': 'bilinear'}),
        ('bilinear_downsample', {'size': [2, 3], 'mode': 'bilinear', 'alignCorners': False}),
        ('bilinear_scale_nonint', {'scaleFactor': 1.7, 'mode': 'bilinear'}),
        ('bilinear_scale_pair', {'scaleFactor': [2, 1.5], 'mode': 'bilinear', 'alignCorners': False}),
        ('nearest_size', {'size': [5, 6], 'mode': 'nearest'}),
        ('nearest_scale2', {'scaleFactor': 2, 'mode': 'nearest'}),
        ('nearest_scale_nonint', {'scaleFactor': 1.5, 'mode': 'nearest'}),
        ('nearest_downsample', {'size': [2, 2], 'mode': 'nearest'}),
    ]
    for name, opts in interp:
        def run(x, opts=opts):
            return F.interpolate(x, size=opts.get('size'), scale_factor=opts.get('scaleFactor'), mode=opts['mode'],
                                 align_corners=opts.get('alignCorners') if opts['mode'] == 'bilinear' else None)
        fam.case(name, 'F.interpolate', [('x', ix)], run, params={'opts': opts})

    pad_x = randn('padx', 1, 2, 3, 4)
    pads = [
        ('constant_zero', [1, 2], {'mode': 'constant'}),
        ('constant_value_4', [1, 0, 2, 1], {'mode': 'constant', 'value': -1.5}),
        ('reflect_4', [2, 1, 1, 2], {'mode': 'reflect'}),
        ('replicate_4', [1, 2, 2, 0], {'mode': 'replicate'}),
        ('circular_4', [1, 2, 2, 1], {'mode': 'circular'}),
    ]
    for name, p, opts in pads:
        fam.case(name, 'F.pad', [('x', pad_x)],
                 lambda x, p=p, opts=opts: F.pad(x, p, opts['mode'], opts.get('value', 0.0) if opts['mode'] == 'constant' else None),
                 params={'pads': p, 'opts': opts})
    fam.case('reflect_3d', 'F.pad', [('x', randn('pad3r', 2, 3, 5))], lambda x: F.pad(x, [3, 1], 'reflect'),
             params={'pads': [3, 1], 'opts': {'mode': 'reflect'}})
    fam.case('constant_3d', 'F.pad', [('x', randn('pad3', 2, 3, 2))], lambda x: F.pad(x, [0, 1, 1, 1, 2, 0]),
             params={'pads': [0, 1, 1, 1, 2, 0], 'opts': {'mode': 'constant'}})
    fam.write()


# ---------------------------------------------------------------- losses
def losses():
    fam = Family('losses')
    logits = randn('cel', 5, 4, scale=2.0)
    target = randint('cet', 0, 4, 5)
    for red in ('mean', 'sum', 'none'):
        fam.case(red, 'F.crossEntropy', [('x', logits), ('target', target)],
                 lambda x, target, red=red: F.cross_entropy(x, target, reduction=red), params={'opts': {'reduction': red}})
    fam.case('default', 'F.crossEntropy', [('x', logits), ('target', target)],
             lambda x, target: F.cross_entropy(x, target), params={})
    fam.case('spatial', 'F.crossEntropy', [('x', randn('ces', 2, 3, 2, 2)), ('target', randint('cest', 0, 3, 2, 2, 2))],
             lambda x, target: F.cross_entropy(x, target), params={})
    fam.case('float32', 'F.crossEntropy', [('x', logits.float()), ('target', target)],
             lambda x, target: F.cross_entropy(x, target), params={})
    ign = target.clone()
    ign[1] = -100
    ign[3] = 2
    fam.case('ignore_index_default', 'F.crossEntropy', [('x', logits), ('target', ign)],
             lambda x, target: F.cross_entropy(x, target), params={})
    fam.case('ignore_index_2_sum', 'F.crossEntropy', [('x', logits), ('target', target)],
             lambda x, target: F.cross_entropy(x, target, ignore_index=2, reduction='sum'),
             params={'opts': {'ignoreIndex': 2, 'reduction': 'sum'}})
    fam.case('label_smoothing', 'F.crossEntropy', [('x', logits), ('target', target)],
             lambda x, target: F.cross_entropy(x, target, label_smoothing=0.1), params={'opts': {'labelSmoothing': 0.1}})
    cw = rand('cew', 4, low=0.5, high=2.0)
    fam.case('class_weight', 'F.crossEntropy', [('x', logits), ('target', target), ('weight', cw, False)],
             lambda x, target, weight: F.cross_entropy(x, target, weight=weight), params={'opts': {}})
    logp = F.log_softmax(logits, 1)
    for red in ('mean', 'sum', 'none'):
        fam.case(red, 'F.nllLoss', [('x', logp), ('target', target)],
                 lambda x, target, red=red: F.nll_loss(x, target, reduction=red), params={'opts': {'reduction': red}})
    fam.case('ignore_index', 'F.nllLoss', [('x', logp), ('target', ign)], lambda x, target: F.nll_loss(x, target),
             params={})
    a = randn('la', 3, 4)
    b = randn('lb', 3, 4)
    losses_fns = {'F.mseLoss': F.mse_loss, 'F.l1Loss': F.l1_loss}
    for op, fn in losses_fns.items():
        fam.case('default', op, [('x', a), ('y', b)], lambda x, y, fn=fn: fn(x, y), params={})
        for red in ('mean', 'sum', 'none'):
            fam.case(red, op, [('x', a), ('y', b)], lambda x, y, fn=fn, red=red: fn(x, y, reduction=red),
                     params={'opts': {'reduction': red}})
    # differences spread across both sides of beta
    sa = randn('sla', 4, 5, scale=1.5)
    sb = randn('slb', 4, 5, scale=0.2)
    fam.case('default', 'F.smoothL1Loss', [('x', sa), ('y', sb)], lambda x, y: F.smooth_l1_loss(x, y), params={})
    for beta in (1.0, 0.5):
        for red in ('mean', 'sum', 'none'):
            fam.case('beta%s_%s' % (beta, red), 'F.smoothL1Loss', [('x', sa), ('y', sb)],
                     lambda x, y, beta=beta, red=red: F.smooth_l1_loss(x, y, beta=beta, reduction=red),
                     params={'opts': {'beta': beta, 'reduction': red}})
    bl = randn('bcel', 3, 4, scale=3.0)
    bt = rand('bcet', 3, 4)
    fam.case('default', 'F.binaryCrossEntropyWithLogits', [('x', bl), ('y', bt)],
             lambda x, y: F.binary_cross_entropy_with_logits(x, y), params={})
    for red in ('mean', 'sum', 'none'):
        fam.case(red, 'F.binaryCrossEntropyWithLogits', [('x', bl), ('y', (bt > 0.5).to(F64))],
                 lambda x, y, red=red: F.binary_cross_entropy_with_logits(x, y, reduction=red),
                 params={'opts': {'reduction': red}})
    fam.case('extreme_logits', 'F.binaryCrossEntropyWithLogits',
             [('x', torch.tensor([200.0, -200.0, 0.0], dtype=F64)), ('y', torch.tensor([0.0, 1.0, 1.0], dtype=F64))],
             lambda x, y: F.binary_cross_entropy_with_logits(x, y, reduction='none'),
             params={'opts': {'reduction': 'none'}})
    fam.write()


# ---------------------------------------------------------------- inputs PyTorch rejects
def errors():
    fam = Family('errors')
    fam.case('inner_dims', 'matmul', [('x', randn('e1', 2, 2)), ('y', randn('e2', 3, 3))], lambda x, y: x @ y,
             grad=False, raises=True)
    fam.case('not_broadcastable', 'add', [('x', randn('e3', 2, 3)), ('y', randn('e4', 4))], lambda x, y: x + y,
             grad=False, raises=True)
    fam.case('sizes_differ', 'cat', [('xs', [randn('e5', 2, 3), randn('e6', 2, 4)])], lambda xs: torch.cat(xs),
             params={}, grad=False, raises=True)
    fam.case('wrong_numel', 'reshape', [('x', randn('e7', 2, 3))], lambda x: x.reshape(4, 2), params={'shape': [4, 2]},
             grad=False, raises=True)
    fam.case('index_out_of_range', 'gather', [('x', randn('e8', 2, 3)), ('index', torch.tensor([[0, 3]]))],
             lambda x, index: x.gather(1, index), params={'dim': 1}, grad=False, raises=True)
    fam.case('dim_out_of_range', 'sum', [('x', randn('e9', 2, 3))], lambda x: x.sum(2), params={'opts': {'dim': 2}},
             grad=False, raises=True)
    fam.case('channel_mismatch', 'F.conv2d', [('x', randn('e10', 1, 3, 5, 5)), ('w', randn('e11', 2, 4, 3, 3))],
             lambda x, w: F.conv2d(x, w), params={'opts': {}}, grad=False, raises=True)
    fam.case('target_out_of_range', 'F.crossEntropy', [('x', randn('e12', 2, 4)), ('target', torch.tensor([1, 4]))],
             lambda x, target: F.cross_entropy(x, target), params={}, grad=False, raises=True)
    fam.case('reflect_pad_too_large', 'F.pad', [('x', randn('e13', 1, 1, 2, 2))],
             lambda x: F.pad(x, [2, 2, 0, 0], 'reflect'), params={'pads': [2, 2, 0, 0], 'opts': {'mode': 'reflect'}},
             grad=False, raises=True)
    fam.case('bmm_batch_mismatch', 'bmm', [('x', randn('e14', 2, 3, 4)), ('y', randn('e15', 3, 4, 2))],
             lambda x, y: torch.bmm(x, y), grad=False, raises=True)
    fam.write()


# ---------------------------------------------------------------- Tensor methods: conversion, data out, in-place
def tensor_methods():
    fam = Family('tensor_methods')
    x = randn('tmx', 2, 3)
    fam.case('basic', 'Tensor.clone', [('x', x)], lambda x: x.clone())
    fam.case('basic', 'Tensor.detach', [('x', x)], lambda x: x.detach(), grad=False)
    fam.case('f64_to_f32', 'Tensor.to', [('x', x)], lambda x: x.to(F32), params={'dtype': 'float32'})
    fam.case('f32_to_f64', 'Tensor.to', [('x', x.float())], lambda x: x.to(F64), params={'dtype': 'float64'})
    fam.case('f64_to_int64_truncates', 'Tensor.to', [('x', x * 3)], lambda x: x.to(torch.int64),
             params={'dtype': 'int64'}, grad=False)
    fam.case('bool_to_f32', 'Tensor.to', [('x', mask('tmb', 5))], lambda x: x.to(F32),
             params={'dtype': 'float32'}, grad=False)
    fam.case('int64_to_bool', 'Tensor.to', [('x', torch.tensor([0, 3, -1, 0]))], lambda x: x.to(torch.bool),
             params={'dtype': 'bool'}, grad=False)
    fam.case('of_permuted', 'Tensor.contiguous', [('x', randn('tmc', 2, 3, 4))], lambda x: x.permute(2, 0, 1).contiguous())
    fam.case('float32', 'Tensor.item', [('x', torch.tensor([0.1], dtype=F32))], lambda x: x.reshape(()).double(),
             grad=False)
    fam.case('scalar_tensor', 'Tensor.item', [('x', torch.tensor([[-3.25]], dtype=F64))], lambda x: x.reshape(()),
             grad=False)
    fam.case('of_permuted', 'Tensor.toTypedArray', [('x', randn('tmt', 2, 3))], lambda x: x.t().contiguous(),
             grad=False)
    fam.case('nested', 'Tensor.toArray', [('x', randn('tma', 2, 3, 2))], lambda x: x, grad=False)
    o = randn('tmo', 3)
    fam.case('alpha', 'Tensor.addInPlace', [('x', x), ('o', o)], lambda x, o: x.clone().add_(o, alpha=-0.5),
             params={'alpha': -0.5}, grad=False)
    fam.case('default_alpha', 'Tensor.addInPlace', [('x', x), ('o', o)], lambda x, o: x.clone().add_(o), params={},
             grad=False)
    fam.case('scalar', 'Tensor.addInPlace', [('x', x)], lambda x: x.clone().add_(2.5), params={'scalar': 2.5},
             grad=False)
    fam.case('broadcast', 'Tensor.mulInPlace', [('x', x), ('o', o)], lambda x, o: x.clone().mul_(o), grad=False)
    fam.case('scalar', 'Tensor.mulInPlace', [('x', x)], lambda x: x.clone().mul_(0.9), params={'scalar': 0.9},
             grad=False)
    fam.case('broadcast', 'Tensor.divInPlace', [('x', x), ('o', o)], lambda x, o: x.clone().div_(o), grad=False)
    fam.case('scalar', 'Tensor.divInPlace', [('x', x)], lambda x: x.clone().div_(4.0), params={'scalar': 4.0},
             grad=False)
    a, b = randn('tma1', 2, 3), rand('tmb1', 2, 3, low=0.5, high=2.0)
    fam.case('basic', 'Tensor.addcmulInPlace', [('x', x), ('a', a), ('b', b)],
             lambda x, a, b: x.clone().addcmul_(a, b, value=0.3), params={'value': 0.3}, grad=False)
    fam.case('basic', 'Tensor.addcdivInPlace', [('x', x), ('a', a), ('b', b)],
             lambda x, a, b: x.clone().addcdiv_(a, b, value=-0.7), params={'value': -0.7}, grad=False)
    fam.case('basic', 'Tensor.copyFrom', [('x', x), ('src', randn('tms', 2, 3))],
             lambda x, src: x.clone().copy_(src), grad=False)
    fam.case('basic', 'Tensor.zeroInPlace', [('x', x)], lambda x: x.clone().zero_(), grad=False)
    fam.case('basic', 'Tensor.fillInPlace', [('x', x)], lambda x: x.clone().fill_(1.25), params={'value': 1.25},
             grad=False)
    fam.case('min_max', 'Tensor.clampInPlace', [('x', x)], lambda x: x.clone().clamp_(-0.3, 0.4),
             params={'min': -0.3, 'max': 0.4}, grad=False)
    fam.case('min_only', 'Tensor.clampInPlace', [('x', x)], lambda x: x.clone().clamp_(min=0.0), params={'min': 0},
             grad=False)
    fam.write()


# ---------------------------------------------------------------- serialization: a file written by torch.save
def serialization():
    sd = {
        'conv.weight': randn('sdw', 2, 1, 2, 2, dtype=F32),
        'fc.bias': randn('sdb', 3),
        'bn.num_batches_tracked': torch.tensor(5),
        'mask': torch.tensor([True, False, True]),
        'transposed': randn('sdt', 3, 2).t(),
    }
    files = os.path.join(OUT_DIR, 'files')
    os.makedirs(files, exist_ok=True)
    torch.save(sd, os.path.join(files, 'state_dict.pt'))
    with open(os.path.join(files, 'state_dict.json'), 'w') as f:
        json.dump({k: encode(v) for k, v in sd.items()}, f, separators=(',', ':'))
        f.write('\n')
    print('%-14s %3d tensors' % ('serialization', len(sd)))


# ---------------------------------------------------------------- nn modules and optimizers
# Weights, inputs and cotangents come from a 32-bit LCG (lcg_values) that modules.ts re-implements, so the
# fixtures need not carry ~180k ResNet weights; outputs are stored in full, large gradients as samples + sums.
def fnv1a(text):
    h = 0x811c9dc5
    for byte in text.encode():
        h = ((h ^ byte) * 0x01000193) & 0xffffffff
    return h


def lcg_values(seed, n):
    """u_k in [-1, 1): s <- (1664525 s + 1013904223) mod 2^32, u = s / 2^31 - 1."""
    s = seed & 0xffffffff
    out = []
    for _ in range(n):
        s = (1664525 * s + 1013904223) & 0xffffffff
        out.append(s / 2 ** 31 - 1)
    return out


def lcg_tensor(key, shape, dtype=F32):
    n = 1
    for d in shape:
        n *= d
    return torch.tensor(lcg_values(fnv1a(key), n), dtype=F64).reshape(shape).to(dtype)


def fill_state_dict(module, prefix):
    """Deterministic values for every parameter and float buffer; same rule as fillStateDict in modules.ts."""
    with torch.no_grad():
        for name, t in module.state_dict().items():
            if not t.is_floating_point():
                continue
            u = lcg_tensor(prefix + ':' + name, list(t.shape), F64)
            if name.endswith('running_var'):
                v = 1.0 + 0.5 * u
            elif name.endswith('running_mean'):
                v = 0.1 * u
            elif t.dim() == 1 and name.endswith('weight'):
                v = 1.0 + 0.2 * u
            elif name.endswith('bias'):
                v = 0.1 * u
            else:
                v = u * math.sqrt(3.0 / (t.numel() // t.shape[0]))
            t.copy_(v.to(t.dtype))


def sampled(t, limit=256, samples=64):
    """Full data up to `limit` values; beyond, `samples` evenly spaced values; always sum, sum |v| and max |v|."""
    t = t.detach().contiguous()
    flat = t.reshape(-1).to(F64)
    n = flat.numel()
    indices = list(range(n)) if n <= limit else [k * n // samples for k in range(samples)]
    return {'dtype': DTYPE_NAMES[t.dtype], 'shape': list(t.shape), 'indices': indices,
            'values': [flat[i].item() for i in indices], 'sum': flat.sum().item(), 'sumAbs': flat.abs().sum().item(),
            'maxAbs': flat.abs().max().item() if n else 0.0}


class BasicBlock(torch.nn.Module):
    """torchvision's BasicBlock; `downsample` is built by the caller first (generator order of torchvision)."""
    def __init__(self, in_planes, planes, stride, downsample):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(in_planes, planes, 3, stride, 1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(planes)
        self.conv2 = torch.nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(planes)
        self.downsample = downsample

    def forward(self, x):
        out = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(out + (x if self.downsample is None else self.downsample(x)))


class ResNet18(torch.nn.Module):
    """torchvision's resnet18: layout, parameter names, construction order and init; 'cifar' stem = 3x3/1 conv."""
    def __init__(self, num_classes, in_channels, width, stem):
        super().__init__()
        if stem == 'imagenet':
            self.conv1 = torch.nn.Conv2d(in_channels, width, 7, 2, 3, bias=False)
        else:
            self.conv1 = torch.nn.Conv2d(in_channels, width, 3, 1, 1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(width)
        self.maxpool = torch.nn.MaxPool2d(3, 2, 1) if stem == 'imagenet' else None
        planes = [width, 2 * width, 4 * width, 8 * width]
        in_planes = width
        for i, p in enumerate(planes):
            blocks = []
            for b in range(2):
                stride = 2 if i > 0 and b == 0 else 1
                downsample = None
                if stride != 1 or in_planes != p:
                    downsample = torch.nn.Sequential(torch.nn.Conv2d(in_planes, p, 1, stride, bias=False),
                                                     torch.nn.BatchNorm2d(p))
                blocks.append(BasicBlock(in_planes, p, stride, downsample))
                in_planes = p
            setattr(self, 'layer%d' % (i + 1), torch.nn.Sequential(*blocks))
        self.fc = torch.nn.Linear(8 * width, num_classes)
        for m in self.modules():
            if isinstance(m, torch.nn.Conv2d):
                torch.nn.init.kaiming_normal_(m.weight, mode='fan_out', nonlinearity='relu')

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        if self.maxpool is not None:
            y = self.maxpool(y)
        y = self.layer4(self.layer3(self.layer2(self.layer1(y))))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(y, (1, 1)), 1))


nn = torch.nn
# name -> (builder, input shape, training); the same names are built in modules.ts
MODULE_CASES = {
    'linear': (lambda: nn.Linear(5, 3), [4, 5], True),
    'linear_no_bias_3d': (lambda: nn.Linear(5, 3, bias=False), [2, 3, 5], True),
    'conv2d_stride2_pad1': (lambda: nn.Conv2d(3, 4, 3, stride=2, padding=1), [2, 3, 7, 7], True),
    'conv2d_no_bias': (lambda: nn.Conv2d(2, 3, 2, bias=False), [1, 2, 5, 5], True),
    'batchnorm2d_train': (lambda: nn.BatchNorm2d(3), [4, 3, 3, 3], True),
    'batchnorm2d_eval': (lambda: nn.BatchNorm2d(3), [4, 3, 3, 3], False),
    'batchnorm1d_train': (lambda: nn.BatchNorm1d(4), [6, 4], True),
    'mlp_eval': (lambda: nn.Sequential(nn.Flatten(), nn.Linear(12, 6), nn.ReLU(), nn.Dropout(0.5), nn.Identity(),
                                       nn.Linear(6, 2)), [3, 3, 2, 2], False),
    'convnet_train': (lambda: nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(),
                                            nn.MaxPool2d(2), nn.Flatten(), nn.Linear(36, 3)), [2, 1, 6, 6], True),
    'resnet18_cifar_w8_train': (lambda: ResNet18(5, 3, 8, 'cifar'), [2, 3, 32, 32], True),
    'resnet18_imagenet_w8_train': (lambda: ResNet18(5, 3, 8, 'imagenet'), [2, 3, 32, 32], True),
    'resnet18_cifar_w8_eval': (lambda: ResNet18(5, 3, 8, 'cifar'), [2, 3, 32, 32], False),
}


def modules():
    cases = []
    for name, (build, in_shape, training) in MODULE_CASES.items():
        m = build()
        fill_state_dict(m, name)
        m.train(training)
        x = lcg_tensor(name + ':input', in_shape).requires_grad_(True)
        out = m(x)
        g = lcg_tensor(name + ':g', list(out.shape))
        (out * g).sum().backward()
        cases.append({
            'name': name, 'training': training, 'inputShape': in_shape,
            'output': sampled(out, limit=4096),
            'paramGrads': {n: sampled(p.grad) for n, p in m.named_parameters()},
            'inputGrad': sampled(x.grad),
            'buffersAfter': {n: sampled(b) for n, b in m.named_buffers()},
        })
    write_json('modules', {'cases': cases})


INIT_CASES = {
    'linear': lambda: nn.Linear(5, 3),
    'linear_no_bias': lambda: nn.Linear(7, 2, bias=False),
    'conv2d': lambda: nn.Conv2d(3, 4, 3),
    'conv2d_no_bias': lambda: nn.Conv2d(2, 6, 1, bias=False),
    'batchnorm2d': lambda: nn.BatchNorm2d(3),
    'resnet18_cifar_w8': lambda: ResNet18(10, 3, 8, 'cifar'),
    'resnet18_imagenet_w8_in1': lambda: ResNet18(4, 1, 8, 'imagenet'),
}


def init():
    """Default initialisation after torch.manual_seed(seed): the state dict of each freshly built module."""
    cases = []
    for k, (name, build) in enumerate(INIT_CASES.items()):
        seed = 1000 + k
        torch.manual_seed(seed)
        m = build()
        cases.append({'name': name, 'seed': seed, 'stateDict': {n: sampled(t) for n, t in m.state_dict().items()}})
    write_json('init', {'cases': cases})


def optimizers():
    """A Linear(4, 3) trained 3 steps on mse(model(x), y); parameters recorded after every step."""
    cases = []
    configs = [
        ('sgd_momentum', 'SGD', {'lr': 0.1, 'momentum': 0.9}, lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9)),
        ('sgd_momentum_wd_nesterov', 'SGD', {'lr': 0.05, 'momentum': 0.8, 'weightDecay': 0.01, 'nesterov': True},
         lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, weight_decay=0.01, nesterov=True)),
        ('sgd_plain', 'SGD', {'lr': 0.2}, lambda ps: torch.optim.SGD(ps, lr=0.2)),
        ('adam_default', 'Adam', {'lr': 0.01}, lambda ps: torch.optim.Adam(ps, lr=0.01)),
        ('adam_betas_wd', 'Adam', {'lr': 0.02, 'betas': [0.8, 0.99], 'eps': 1e-6, 'weightDecay': 0.1},
         lambda ps: torch.optim.Adam(ps, lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
    ]
    for name, kind, opts, make in configs:
        m = nn.Linear(4, 3)
        fill_state_dict(m, 'optim')
        x = lcg_tensor('optim:x', [5, 4])
        y = lcg_tensor('optim:y', [5, 3])
        opt = make(list(m.parameters()))
        steps = []
        for _ in range(3):
            opt.zero_grad()
            F.mse_loss(m(x), y).backward()
            opt.step()
            steps.append({n: encode(p) for n, p in m.named_parameters()})
        cases.append({'name': name, 'optimizer': kind, 'options': opts, 'steps': steps})
    m = nn.Linear(1, 1)
    opt = torch.optim.SGD(m.parameters(), lr=0.1)
    sched = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[2, 4], gamma=0.1)
    lrs = []
    for _ in range(6):
        opt.step()
        sched.step()
        lrs.append(opt.param_groups[0]['lr'])
    write_json('optimizers', {'cases': cases,
                              'multiStepLR': {'lr': 0.1, 'milestones': [2, 4], 'gamma': 0.1, 'lrAfterEachStep': lrs}})


def write_json(name, doc):
    folder = os.path.join(OUT_DIR, 'modules')
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name + '.json')
    with open(path, 'w') as f:
        json.dump(doc, f, separators=(',', ':'))
        f.write('\n')
    print('%-14s %7d bytes' % (name, os.path.getsize(path)))


if __name__ == '__main__':
    creation()
    random()
    views()
    arithmetic()
    unary()
    reductions()
    linalg()
    functional()
    losses()
    tensor_methods()
    errors()
    serialization()
    modules()
    init()
    optimizers()
