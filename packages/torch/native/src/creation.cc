// Tensor creation: from typed arrays (one copy), constant fills, ranges and the seeded
// random functions (all random draws use this environment's generator).
#include "common.h"

#include <sstream>

namespace tb {

namespace {

at::TensorOptions Opts(at::ScalarType st) { return at::TensorOptions().dtype(st); }

Napi::Value Finish(const Napi::CallbackInfo& info, at::Tensor t, size_t requiresGradArg) {
  if (info.Length() > requiresGradArg && Bool(info, requiresGradArg)) t.set_requires_grad(true);
  return Wrap(info.Env(), std::move(t));
}

std::string ShapeString(const std::vector<int64_t>& s) {
  std::ostringstream o;
  o << "[";
  for (size_t i = 0; i < s.size(); i++) o << (i ? "," : "") << s[i];
  o << "]";
  return o.str();
}

// tensor(data, shape, dtype, requiresGrad): the only copy is the conversion into
// a tensor owned by libtorch.
Napi::Value FromTypedArray(const Napi::CallbackInfo& info) {
  if (!info[0].IsTypedArray()) throw ArgError("argument 1 must be a typed array");
  // Raw napi call: also works for typed arrays over a SharedArrayBuffer.
  napi_typedarray_type kind;
  size_t length = 0;
  void* data = nullptr;
  napi_status status = napi_get_typedarray_info(info.Env(), info[0], &kind, &length, &data, nullptr, nullptr);
  NAPI_THROW_IF_FAILED(info.Env(), status, Napi::Value());
  at::ScalarType src;
  switch (kind) {
    case napi_float32_array: src = at::kFloat; break;
    case napi_float64_array: src = at::kDouble; break;
    case napi_bigint64_array: src = at::kLong; break;
    case napi_int32_array: src = at::kInt; break;
    case napi_uint8_array:
    case napi_uint8_clamped_array: src = at::kByte; break;
    default:
      throw ArgError(
          "unsupported typed array; use Float32Array, Float64Array, BigInt64Array, Int32Array or Uint8Array");
  }
  std::vector<int64_t> shape = Ints(info, 1);
  at::ScalarType dst = DType(info, 2);
  int64_t n = 1;
  for (int64_t s : shape) {
    if (s < 0) throw ArgError("shape " + ShapeString(shape) + " has a negative size");
    n *= s;
  }
  if (static_cast<size_t>(n) != length)
    throw ArgError("shape " + ShapeString(shape) + " has " + std::to_string(n) + " elements but data has " +
                   std::to_string(length));
  at::Tensor t;
  if (n == 0) {
    t = at::empty(shape, Opts(dst));
  } else {
    t = at::from_blob(data, shape, Opts(src)).to(dst, false, /*copy=*/true);
  }
  return Finish(info, std::move(t), 3);
}

Napi::Value Zeros(const Napi::CallbackInfo& info) {
  return Finish(info, at::zeros(Ints(info, 0), Opts(DType(info, 1))), 2);
}

Napi::Value Ones(const Napi::CallbackInfo& info) {
  return Finish(info, at::ones(Ints(info, 0), Opts(DType(info, 1))), 2);
}

// full(shape, value, dtype, requiresGrad)
Napi::Value Full(const Napi::CallbackInfo& info) {
  return Finish(info, at::full(Ints(info, 0), Num(info, 1), Opts(DType(info, 2))), 3);
}

// arange(start, end, step, dtype, requiresGrad)
Napi::Value Arange(const Napi::CallbackInfo& info) {
  return Finish(info, at::arange(Num(info, 0), Num(info, 1), Num(info, 2), Opts(DType(info, 3))), 4);
}

Napi::Value Eye(const Napi::CallbackInfo& info) {
  return Finish(info, at::eye(Int(info, 0), Opts(DType(info, 1))), 2);
}

Napi::Value ZerosLike(const Napi::CallbackInfo& info) { return Wrap(info.Env(), at::zeros_like(T(info, 0))); }

Napi::Value OnesLike(const Napi::CallbackInfo& info) { return Wrap(info.Env(), at::ones_like(T(info, 0))); }

// rand(shape, dtype, requiresGrad): uniform on [0, 1)
Napi::Value Rand(const Napi::CallbackInfo& info) {
  at::Generator& g = Data(info.Env()).generator;
  return Finish(info, at::rand(Ints(info, 0), g, Opts(DType(info, 1))), 2);
}

Napi::Value Randn(const Napi::CallbackInfo& info) {
  at::Generator& g = Data(info.Env()).generator;
  return Finish(info, at::randn(Ints(info, 0), g, Opts(DType(info, 1))), 2);
}

// randint(low, high, shape): int64 on [low, high)
Napi::Value Randint(const Napi::CallbackInfo& info) {
  at::Generator& g = Data(info.Env()).generator;
  return Wrap(info.Env(), at::randint(Int(info, 0), Int(info, 1), Ints(info, 2), g, Opts(at::kLong)));
}

Napi::Value Randperm(const Napi::CallbackInfo& info) {
  at::Generator& g = Data(info.Env()).generator;
  return Wrap(info.Env(), at::randperm(Int(info, 0), g, Opts(at::kLong)));
}

// bernoulli(p): 0/1 draws with per-element probabilities p (same dtype as p)
Napi::Value Bernoulli(const Napi::CallbackInfo& info) {
  at::Generator& g = Data(info.Env()).generator;
  return Wrap(info.Env(), at::bernoulli(T(info, 0), g));
}

// normalInPlace(t, mean, std): no autograd history (initialization)
Napi::Value NormalInPlace(const Napi::CallbackInfo& info) {
  at::NoGradGuard noGrad;
  at::Tensor t = T(info, 0);
  t.normal_(Num(info, 1), Num(info, 2), Data(info.Env()).generator);
  return info.Env().Undefined();
}

// uniformInPlace(t, from, to): no autograd history (initialization)
Napi::Value UniformInPlace(const Napi::CallbackInfo& info) {
  at::NoGradGuard noGrad;
  at::Tensor t = T(info, 0);
  t.uniform_(Num(info, 1), Num(info, 2), Data(info.Env()).generator);
  return info.Env().Undefined();
}

const OpDef kOps[] = {
    {"tensor", FromTypedArray},
    {"zeros", Zeros},
    {"ones", Ones},
    {"full", Full},
    {"arange", Arange},
    {"eye", Eye},
    {"zerosLike", ZerosLike},
    {"onesLike", OnesLike},
    {"rand", Rand},
    {"randn", Randn},
    {"randint", Randint},
    {"randperm", Randperm},
    {"bernoulli", Bernoulli},
    {"normalInPlace", NormalInPlace},
    {"uniformInPlace", UniformInPlace},
};

}  // namespace

void InitCreation(Napi::Env env, Napi::Object exports) { ExportOps(env, exports, kOps); }

}  // namespace tb
