// nn.functional: layers as functions, activations and losses. Random ops (dropout) use
// this environment's generator.
#include "common.h"

namespace tb {

namespace {

// Reduction codes shared with src/functional.ts (same values as at::Reduction).
int64_t ReductionArg(const Napi::CallbackInfo& info, size_t i) {
  int64_t r = Int(info, i);
  if (r < 0 || r > 2) throw ArgError("reduction code must be 0 (none), 1 (mean) or 2 (sum)");
  return r;
}

c10::optional<std::vector<int64_t>> OptInts(const Napi::CallbackInfo& info, size_t i) {
  if (info[i].IsUndefined() || info[i].IsNull()) return c10::nullopt;
  return Ints(info, i);
}

c10::optional<std::vector<double>> OptNums(const Napi::CallbackInfo& info, size_t i) {
  if (info[i].IsUndefined() || info[i].IsNull()) return c10::nullopt;
  return Nums(info, i);
}

// linear(x, w[out, in], b?)
Napi::Value Linear(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::linear(T(info, 0), T(info, 1), OptT(info, 2)));
}

// conv2d(x, w, b?, stride[2], padding[2], dilation[2], groups)
Napi::Value Conv2d(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::conv2d(T(info, 0), T(info, 1), OptT(info, 2), Ints(info, 3), Ints(info, 4),
                                     Ints(info, 5), Int(info, 6)));
}

// maxPool2d(x, kernel[2], stride[2], padding[2], dilation[2], ceilMode)
Napi::Value MaxPool2d(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::max_pool2d(T(info, 0), Ints(info, 1), Ints(info, 2), Ints(info, 3),
                                         Ints(info, 4), Bool(info, 5)));
}

// avgPool2d(x, kernel[2], stride[2], padding[2], ceilMode, countIncludePad)
Napi::Value AvgPool2d(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::avg_pool2d(T(info, 0), Ints(info, 1), Ints(info, 2), Ints(info, 3),
                                         Bool(info, 4), Bool(info, 5)));
}

// adaptiveAvgPool2d(x, [h, w])
Napi::Value AdaptiveAvgPool2d(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::adaptive_avg_pool2d(T(info, 0), Ints(info, 1)));
}

// batchNorm(x, runningMean?, runningVar?, weight?, bias?, training, momentum, eps);
// in training mode the running statistics are updated in place.
Napi::Value BatchNorm(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::batch_norm(T(info, 0), OptT(info, 3), OptT(info, 4), OptT(info, 1), OptT(info, 2),
                                         Bool(info, 5), Num(info, 6), Num(info, 7), /*cudnn_enabled=*/false));
}

// dropout(x, p, training): x * Bernoulli(1-p) / (1-p), as ATen's CPU dropout, with our generator
Napi::Value Dropout(const Napi::CallbackInfo& info) {
  const at::Tensor& x = T(info, 0);
  double p = Num(info, 1);
  if (!(p >= 0 && p <= 1)) throw ArgError("dropout probability must be in [0, 1], got " + std::to_string(p));
  if (!Bool(info, 2) || p == 0) return Wrap(info.Env(), x);
  if (p == 1) return Wrap(info.Env(), x * at::zeros({}, x.options()));
  at::Tensor noise = at::empty_like(x);
  {
    at::NoGradGuard noGrad;
    noise.bernoulli_(1 - p, Data(info.Env()).generator);
    noise.div_(1 - p);
  }
  return Wrap(info.Env(), x * noise);
}

Napi::Value Relu(const Napi::CallbackInfo& info) { return Wrap(info.Env(), at::relu(T(info, 0))); }

Napi::Value LeakyRelu(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::leaky_relu(T(info, 0), Num(info, 1)));
}

Napi::Value Sigmoid(const Napi::CallbackInfo& info) { return Wrap(info.Env(), at::sigmoid(T(info, 0))); }

Napi::Value Tanh(const Napi::CallbackInfo& info) { return Wrap(info.Env(), at::tanh(T(info, 0))); }

Napi::Value Softmax(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::softmax(T(info, 0), Int(info, 1)));
}

Napi::Value LogSoftmax(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::log_softmax(T(info, 0), Int(info, 1)));
}

// interpolate(x, size[2] | null, scaleFactor[2] | null, mode, alignCorners)
Napi::Value Interpolate(const Napi::CallbackInfo& info) {
  const at::Tensor& x = T(info, 0);
  auto size = OptInts(info, 1);
  auto scales = OptNums(info, 2);
  std::string mode = Str(info, 3);
  if (x.dim() != 4) throw ArgError("expected a 4-d input [N, C, H, W], got " + std::to_string(x.dim()) + "-d");
  if (!size == !scales) throw ArgError("exactly one of size and scaleFactor must be given");
  at::OptionalIntArrayRef sizeRef = size ? at::OptionalIntArrayRef(*size) : c10::nullopt;
  c10::optional<at::ArrayRef<double>> scaleRef;
  if (scales) scaleRef = at::ArrayRef<double>(*scales);
  if (mode == "bilinear") return Wrap(info.Env(), at::upsample_bilinear2d(x, sizeRef, Bool(info, 4), scaleRef));
  if (mode == "nearest") return Wrap(info.Env(), at::upsample_nearest2d(x, sizeRef, scaleRef));
  throw ArgError("mode must be 'bilinear' or 'nearest', got '" + mode + "'");
}

// pad(x, pads, mode, value)
Napi::Value Pad(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::pad(T(info, 0), Ints(info, 1), Str(info, 2), OptNum(info, 3)));
}

// crossEntropy(logits, target, reduction, ignoreIndex, labelSmoothing, weight?)
Napi::Value CrossEntropy(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::cross_entropy_loss(T(info, 0), T(info, 1), OptT(info, 5), ReductionArg(info, 2),
                                                 Int(info, 3), Num(info, 4)));
}

// nllLoss(logProbs, target, reduction, ignoreIndex, weight?)
Napi::Value NllLoss(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(),
              at::nll_loss_nd(T(info, 0), T(info, 1), OptT(info, 4), ReductionArg(info, 2), Int(info, 3)));
}

Napi::Value MseLoss(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::mse_loss(T(info, 0), T(info, 1), ReductionArg(info, 2)));
}

Napi::Value L1Loss(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::l1_loss(T(info, 0), T(info, 1), ReductionArg(info, 2)));
}

// smoothL1Loss(x, y, reduction, beta)
Napi::Value SmoothL1Loss(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::smooth_l1_loss(T(info, 0), T(info, 1), ReductionArg(info, 2), Num(info, 3)));
}

// binaryCrossEntropyWithLogits(x, y, reduction, weight?, posWeight?)
Napi::Value BceWithLogits(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::binary_cross_entropy_with_logits(T(info, 0), T(info, 1), OptT(info, 3),
                                                               OptT(info, 4), ReductionArg(info, 2)));
}

const OpDef kOps[] = {
    {"linear", Linear},
    {"conv2d", Conv2d},
    {"maxPool2d", MaxPool2d},
    {"avgPool2d", AvgPool2d},
    {"adaptiveAvgPool2d", AdaptiveAvgPool2d},
    {"batchNorm", BatchNorm},
    {"dropout", Dropout},
    {"relu", Relu},
    {"leakyRelu", LeakyRelu},
    {"sigmoid", Sigmoid},
    {"tanh", Tanh},
    {"softmax", Softmax},
    {"logSoftmax", LogSoftmax},
    {"interpolate", Interpolate},
    {"pad", Pad},
    {"crossEntropy", CrossEntropy},
    {"nllLoss", NllLoss},
    {"mseLoss", MseLoss},
    {"l1Loss", L1Loss},
    {"smoothL1Loss", SmoothL1Loss},
    {"binaryCrossEntropyWithLogits", BceWithLogits},
};

}  // namespace

void InitFunctional(Napi::Env env, Napi::Object exports) { ExportOps(env, exports, kOps); }

}  // namespace tb
