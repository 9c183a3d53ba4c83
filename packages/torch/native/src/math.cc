// Elementwise arithmetic, comparisons, unary math, reductions, linear algebra and the
// in-place updates used by optimizers (which never record autograd history).
#include "common.h"

namespace tb {

namespace {

c10::optional<std::vector<int64_t>> OptDims(const Napi::CallbackInfo& info, size_t i) {
  if (info[i].IsUndefined() || info[i].IsNull()) return c10::nullopt;
  return Ints(info, i);
}

at::Scalar AlphaArg(const Napi::CallbackInfo& info, size_t i) {
  if (info[i].IsUndefined()) return at::Scalar(static_cast<int64_t>(1));
  return ScalarArg(info, i);
}

// Binary op whose second operand is a Tensor or a number.
#define TB_BINARY(Name, TensorExpr, ScalarExpr)                 \
  Napi::Value Name(const Napi::CallbackInfo& info) {            \
    const at::Tensor& a = T(info, 0);                           \
    if (info[1].IsNumber()) {                                   \
      at::Scalar b = ScalarArg(info, 1);                        \
      return Wrap(info.Env(), ScalarExpr);                      \
    }                                                           \
    const at::Tensor& b = T(info, 1);                           \
    return Wrap(info.Env(), TensorExpr);                        \
  }

TB_BINARY(Add, at::add(a, b, AlphaArg(info, 2)), at::add(a, b, AlphaArg(info, 2)))
TB_BINARY(Sub, at::sub(a, b, AlphaArg(info, 2)), at::sub(a, b, AlphaArg(info, 2)))
TB_BINARY(Mul, at::mul(a, b), at::mul(a, b))
TB_BINARY(Div, at::div(a, b), at::div(a, b))
TB_BINARY(Pow, at::pow(a, b), at::pow(a, b))
TB_BINARY(Maximum, at::maximum(a, b), at::clamp_min(a, b))
TB_BINARY(Minimum, at::minimum(a, b), at::clamp_max(a, b))
TB_BINARY(Eq, at::eq(a, b), at::eq(a, b))
TB_BINARY(Ne, at::ne(a, b), at::ne(a, b))
TB_BINARY(Lt, at::lt(a, b), at::lt(a, b))
TB_BINARY(Le, at::le(a, b), at::le(a, b))
TB_BINARY(Gt, at::gt(a, b), at::gt(a, b))
TB_BINARY(Ge, at::ge(a, b), at::ge(a, b))
#undef TB_BINARY

Napi::Value LogicalAnd(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::logical_and(T(info, 0), T(info, 1)));
}
Napi::Value LogicalOr(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::logical_or(T(info, 0), T(info, 1)));
}

#define TB_UNARY(Name, fn) \
  Napi::Value Name(const Napi::CallbackInfo& info) { return Wrap(info.Env(), fn(T(info, 0))); }
TB_UNARY(Neg, at::neg)
TB_UNARY(Exp, at::exp)
TB_UNARY(Log, at::log)
TB_UNARY(Sqrt, at::sqrt)
TB_UNARY(Abs, at::abs)
TB_UNARY(Sign, at::sign)
TB_UNARY(Floor, at::floor)
TB_UNARY(Round, at::round)
TB_UNARY(Sin, at::sin)
TB_UNARY(Cos, at::cos)
TB_UNARY(LogicalNot, at::logical_not)
#undef TB_UNARY

// clamp(t, min?, max?)
Napi::Value Clamp(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::clamp(T(info, 0), OptScalar(info, 1), OptScalar(info, 2)));
}

// ------------------------------------------------------------------ reductions

// sum(t, dims|null, keepdim)
Napi::Value Sum(const Napi::CallbackInfo& info) {
  const at::Tensor& t = T(info, 0);
  auto dims = OptDims(info, 1);
  if (!dims) return Wrap(info.Env(), at::sum(t));
  return Wrap(info.Env(), at::sum(t, *dims, Bool(info, 2)));
}

Napi::Value Mean(const Napi::CallbackInfo& info) {
  const at::Tensor& t = T(info, 0);
  auto dims = OptDims(info, 1);
  if (!dims) return Wrap(info.Env(), at::mean(t));
  return Wrap(info.Env(), at::mean(t, *dims, Bool(info, 2)));
}

// max(t, dim|null, keepdim): scalar tensor without dim, {values, indices} with one
Napi::Value Max(const Napi::CallbackInfo& info) {
  const at::Tensor& t = T(info, 0);
  auto dim = OptInt(info, 1);
  if (!dim) return Wrap(info.Env(), at::max(t));
  return WrapPair(info.Env(), at::max(t, *dim, Bool(info, 2)), "values", "indices");
}

Napi::Value Min(const Napi::CallbackInfo& info) {
  const at::Tensor& t = T(info, 0);
  auto dim = OptInt(info, 1);
  if (!dim) return Wrap(info.Env(), at::min(t));
  return WrapPair(info.Env(), at::min(t, *dim, Bool(info, 2)), "values", "indices");
}

// argmax(t, dim|null, keepdim): index into the flattened tensor without dim
Napi::Value Argmax(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::argmax(T(info, 0), OptInt(info, 1), Bool(info, 2)));
}

Napi::Value Argmin(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::argmin(T(info, 0), OptInt(info, 1), Bool(info, 2)));
}

// std(t, dims|null, unbiased, keepdim)
Napi::Value Std(const Napi::CallbackInfo& info) {
  const at::Tensor& t = T(info, 0);
  auto dims = OptDims(info, 1);
  if (!dims) return Wrap(info.Env(), at::std(t, Bool(info, 2)));
  return Wrap(info.Env(), at::std(t, at::IntArrayRef(*dims), Bool(info, 2), Bool(info, 3)));
}

Napi::Value Var(const Napi::CallbackInfo& info) {
  const at::Tensor& t = T(info, 0);
  auto dims = OptDims(info, 1);
  if (!dims) return Wrap(info.Env(), at::var(t, Bool(info, 2)));
  return Wrap(info.Env(), at::var(t, at::IntArrayRef(*dims), Bool(info, 2), Bool(info, 3)));
}

// ------------------------------------------------------------------ linear algebra, sorting

Napi::Value Matmul(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::matmul(T(info, 0), T(info, 1)));
}

Napi::Value Bmm(const Napi::CallbackInfo& info) { return Wrap(info.Env(), at::bmm(T(info, 0), T(info, 1))); }

// cdist(a, b, p)
Napi::Value Cdist(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::cdist(T(info, 0), T(info, 1), Num(info, 2)));
}

// topk(t, k, dim, largest, sorted) -> {values, indices}
Napi::Value Topk(const Napi::CallbackInfo& info) {
  return WrapPair(info.Env(), at::topk(T(info, 0), Int(info, 1), Int(info, 2), Bool(info, 3), Bool(info, 4)),
                  "values", "indices");
}

// sort(t, dim, descending) -> {values, indices}; stable
Napi::Value Sort(const Napi::CallbackInfo& info) {
  return WrapPair(info.Env(), at::sort(T(info, 0), /*stable=*/true, Int(info, 1), Bool(info, 2)), "values",
                  "indices");
}

Napi::Value Cumsum(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::cumsum(T(info, 0), Int(info, 1)));
}

// ------------------------------------------------------------------ in-place, no autograd

// addInPlace(t, other, alpha): t += alpha * other
Napi::Value AddInPlace(const Napi::CallbackInfo& info) {
  at::NoGradGuard noGrad;
  at::Tensor t = T(info, 0);
  if (info[1].IsNumber()) {
    at::Scalar other = ScalarArg(info, 1);
    t.add_(other, AlphaArg(info, 2));
  } else {
    t.add_(T(info, 1), AlphaArg(info, 2));
  }
  return info.Env().Undefined();
}

// mulInPlace(t, other): t *= other
Napi::Value MulInPlace(const Napi::CallbackInfo& info) {
  at::NoGradGuard noGrad;
  at::Tensor t = T(info, 0);
  if (info[1].IsNumber()) t.mul_(ScalarArg(info, 1));
  else t.mul_(T(info, 1));
  return info.Env().Undefined();
}

// divInPlace(t, other): t /= other
Napi::Value DivInPlace(const Napi::CallbackInfo& info) {
  at::NoGradGuard noGrad;
  at::Tensor t = T(info, 0);
  if (info[1].IsNumber()) t.div_(ScalarArg(info, 1));
  else t.div_(T(info, 1));
  return info.Env().Undefined();
}

// addcmulInPlace(t, a, b, value): t += value * a * b
Napi::Value AddcmulInPlace(const Napi::CallbackInfo& info) {
  at::NoGradGuard noGrad;
  at::Tensor t = T(info, 0);
  t.addcmul_(T(info, 1), T(info, 2), ScalarArg(info, 3));
  return info.Env().Undefined();
}

// addcdivInPlace(t, a, b, value): t += value * a / b
Napi::Value AddcdivInPlace(const Napi::CallbackInfo& info) {
  at::NoGradGuard noGrad;
  at::Tensor t = T(info, 0);
  t.addcdiv_(T(info, 1), T(info, 2), ScalarArg(info, 3));
  return info.Env().Undefined();
}

// copyFrom(t, src): copies src's values into t (broadcasting, converting dtype)
Napi::Value CopyFrom(const Napi::CallbackInfo& info) {
  at::NoGradGuard noGrad;
  at::Tensor t = T(info, 0);
  t.copy_(T(info, 1));
  return info.Env().Undefined();
}

Napi::Value ZeroInPlace(const Napi::CallbackInfo& info) {
  at::NoGradGuard noGrad;
  at::Tensor t = T(info, 0);
  t.zero_();
  return info.Env().Undefined();
}

Napi::Value FillInPlace(const Napi::CallbackInfo& info) {
  at::NoGradGuard noGrad;
  at::Tensor t = T(info, 0);
  t.fill_(ScalarArg(info, 1));
  return info.Env().Undefined();
}

// clampInPlace(t, min?, max?)
Napi::Value ClampInPlace(const Napi::CallbackInfo& info) {
  at::NoGradGuard noGrad;
  at::Tensor t = T(info, 0);
  t.clamp_(OptScalar(info, 1), OptScalar(info, 2));
  return info.Env().Undefined();
}

const OpDef kOps[] = {
    {"add", Add},
    {"sub", Sub},
    {"mul", Mul},
    {"div", Div},
    {"pow", Pow},
    {"maximum", Maximum},
    {"minimum", Minimum},
    {"eq", Eq},
    {"ne", Ne},
    {"lt", Lt},
    {"le", Le},
    {"gt", Gt},
    {"ge", Ge},
    {"logicalAnd", LogicalAnd},
    {"logicalOr", LogicalOr},
    {"logicalNot", LogicalNot},
    {"neg", Neg},
    {"exp", Exp},
    {"log", Log},
    {"sqrt", Sqrt},
    {"abs", Abs},
    {"sign", Sign},
    {"floor", Floor},
    {"round", Round},
    {"sin", Sin},
    {"cos", Cos},
    {"clamp", Clamp},
    {"sum", Sum},
    {"mean", Mean},
    {"max", Max},
    {"min", Min},
    {"argmax", Argmax},
    {"argmin", Argmin},
    {"std", Std},
    {"var", Var},
    {"matmul", Matmul},
    {"bmm", Bmm},
    {"cdist", Cdist},
    {"topk", Topk},
    {"sort", Sort},
    {"cumsum", Cumsum},
    {"addInPlace", AddInPlace},
    {"mulInPlace", MulInPlace},
    {"divInPlace", DivInPlace},
    {"addcmulInPlace", AddcmulInPlace},
    {"addcdivInPlace", AddcdivInPlace},
    {"copyFrom", CopyFrom},
    {"zeroInPlace", ZeroInPlace},
    {"fillInPlace", FillInPlace},
    {"clampInPlace", ClampInPlace},
};

}  // namespace

void InitMath(Napi::Env env, Napi::Object exports) { ExportOps(env, exports, kOps); }

}  // namespace tb
