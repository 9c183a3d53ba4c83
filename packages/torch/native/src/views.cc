// Shape changes, views, indexing, joining and splitting.
#include "common.h"

namespace tb {

namespace {

Napi::Value Reshape(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), T(info, 0).reshape(Ints(info, 1)));
}

Napi::Value View(const Napi::CallbackInfo& info) { return Wrap(info.Env(), T(info, 0).view(Ints(info, 1))); }

Napi::Value Permute(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), T(info, 0).permute(Ints(info, 1)));
}

Napi::Value Transpose(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), T(info, 0).transpose(Int(info, 1), Int(info, 2)));
}

// flatten(t, startDim, endDim)
Napi::Value Flatten(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), T(info, 0).flatten(Int(info, 1), Int(info, 2)));
}

// squeeze(t, dim?): all size-1 dims without dim
Napi::Value Squeeze(const Napi::CallbackInfo& info) {
  const at::Tensor& t = T(info, 0);
  auto dim = OptInt(info, 1);
  return Wrap(info.Env(), dim ? t.squeeze(*dim) : t.squeeze());
}

Napi::Value Unsqueeze(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), T(info, 0).unsqueeze(Int(info, 1)));
}

// narrow(t, dim, start, length): a view
Napi::Value Narrow(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), T(info, 0).narrow(Int(info, 1), Int(info, 2), Int(info, 3)));
}

// slice(t, dim, start?, end?, step): a view, like t[start:end:step] along dim
Napi::Value Slice(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::slice(T(info, 0), Int(info, 1), OptInt(info, 2), OptInt(info, 3), Int(info, 4)));
}

// indexSelect(t, dim, index)
Napi::Value IndexSelect(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::index_select(T(info, 0), Int(info, 1), T(info, 2)));
}

// gather(t, dim, index)
Napi::Value Gather(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::gather(T(info, 0), Int(info, 1), T(info, 2)));
}

// scatter(t, dim, index, src | value): out-of-place
Napi::Value Scatter(const Napi::CallbackInfo& info) {
  const at::Tensor& t = T(info, 0);
  if (info[3].IsNumber()) return Wrap(info.Env(), at::scatter(t, Int(info, 1), T(info, 2), ScalarArg(info, 3)));
  return Wrap(info.Env(), at::scatter(t, Int(info, 1), T(info, 2), T(info, 3)));
}

Napi::Value MaskedSelect(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::masked_select(T(info, 0), T(info, 1)));
}

// where(cond, a | number, b | number)
Napi::Value Where(const Napi::CallbackInfo& info) {
  const at::Tensor& c = T(info, 0);
  bool sa = info[1].IsNumber(), sb = info[2].IsNumber();
  if (sa && sb) return Wrap(info.Env(), at::where(c, ScalarArg(info, 1), ScalarArg(info, 2)));
  if (sa) return Wrap(info.Env(), at::where(c, ScalarArg(info, 1), T(info, 2)));
  if (sb) return Wrap(info.Env(), at::where(c, T(info, 1), ScalarArg(info, 2)));
  return Wrap(info.Env(), at::where(c, T(info, 1), T(info, 2)));
}

Napi::Value Cat(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::cat(TensorList(info, 0), Int(info, 1)));
}

Napi::Value Stack(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::stack(TensorList(info, 0), Int(info, 1)));
}

// split(t, size | sizes[], dim) -> Tensor[] (views)
Napi::Value Split(const Napi::CallbackInfo& info) {
  const at::Tensor& t = T(info, 0);
  if (info[1].IsArray()) return WrapList(info.Env(), at::split_with_sizes(t, Ints(info, 1), Int(info, 2)));
  return WrapList(info.Env(), at::split(t, Int(info, 1), Int(info, 2)));
}

// chunk(t, n, dim) -> Tensor[] (views)
Napi::Value Chunk(const Napi::CallbackInfo& info) {
  return WrapList(info.Env(), at::chunk(T(info, 0), Int(info, 1), Int(info, 2)));
}

Napi::Value Expand(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), T(info, 0).expand(Ints(info, 1)));
}

Napi::Value Repeat(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), T(info, 0).repeat(Ints(info, 1)));
}

const OpDef kOps[] = {
    {"reshape", Reshape},
    {"view", View},
    {"permute", Permute},
    {"transpose", Transpose},
    {"flatten", Flatten},
    {"squeeze", Squeeze},
    {"unsqueeze", Unsqueeze},
    {"narrow", Narrow},
    {"slice", Slice},
    {"indexSelect", IndexSelect},
    {"gather", Gather},
    {"scatter", Scatter},
    {"maskedSelect", MaskedSelect},
    {"where", Where},
    {"cat", Cat},
    {"stack", Stack},
    {"split", Split},
    {"chunk", Chunk},
    {"expand", Expand},
    {"repeat", Repeat},
};

}  // namespace

void InitViews(Napi::Env env, Napi::Object exports) { ExportOps(env, exports, kOps); }

}  // namespace tb
