// Shared declarations of the torchbind addon: tensor handles, per-environment state,
// argument conversion and the guarded export helper. ATen only (no torch/ C++ frontend).
#pragma once
#include <napi.h>
#include <ATen/ATen.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace tb {

// One heap cell per JS tensor handle. The handle and any open scope share it, so a scope
// never points at freed memory even when GC finalizes the handle first.
struct Holder {
  at::Tensor t;
  int64_t bytes = 0;         // nbytes counted in AddonData::liveBytes
  bool accounted = false;    // bytes were reported to V8 via AdjustExternalMemory
  bool kept = false;         // keep(): scopes must not release it
};
using HolderPtr = std::shared_ptr<Holder>;

// All per-environment state (main thread and each worker have their own): no statics.
struct AddonData {
  Napi::FunctionReference handleCtor;  // native Handle class
  Napi::FunctionReference errorCtor;   // TorchError class from TypeScript (set by init())
  std::vector<std::vector<HolderPtr>> scopes;
  int64_t liveTensors = 0;
  int64_t liveBytes = 0;
  at::Generator generator;             // this environment's random generator (manualSeed)
  bool closing = false;                // environment teardown started
};

AddonData& Data(Napi::Env env);

// The native object behind a TypeScript Tensor: only lifetime, no methods.
class Handle : public Napi::ObjectWrap<Handle> {
 public:
  static Napi::Function Define(Napi::Env env);
  explicit Handle(const Napi::CallbackInfo& info);
  void Finalize(Napi::Env env) override;  // safety net when dispose() was never called
  HolderPtr h;
};

// Thrown by argument checks; the guard prefixes the op name and describes the arguments.
struct ArgError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Thrown when a disposed tensor is used; becomes "Tensor is disposed (op: X)".
struct DisposedError {};

void TagHandle(Napi::Object o);  // marks o as a Handle for HandleOf()

// Tensor handle -> JS value registered in the current scope.
Napi::Value Wrap(Napi::Env env, at::Tensor t);
Napi::Value WrapList(Napi::Env env, const std::vector<at::Tensor>& ts);
Napi::Value WrapPair(Napi::Env env, const std::tuple<at::Tensor, at::Tensor>& p, const char* a,
                     const char* b);
void Release(Napi::Env env, Holder& h);

// Argument conversion; each throws ArgError naming the argument position on a mismatch.
Handle* HandleOf(const Napi::Value& v);  // nullptr when v is not a handle
bool IsTensor(const Napi::Value& v);
const at::Tensor& T(const Napi::CallbackInfo& info, size_t i);
c10::optional<at::Tensor> OptT(const Napi::CallbackInfo& info, size_t i);
std::vector<at::Tensor> TensorList(const Napi::CallbackInfo& info, size_t i);
int64_t Int(const Napi::CallbackInfo& info, size_t i);
c10::optional<int64_t> OptInt(const Napi::CallbackInfo& info, size_t i);
double Num(const Napi::CallbackInfo& info, size_t i);
c10::optional<double> OptNum(const Napi::CallbackInfo& info, size_t i);
bool Bool(const Napi::CallbackInfo& info, size_t i);
std::string Str(const Napi::CallbackInfo& info, size_t i);
std::vector<int64_t> Ints(const Napi::CallbackInfo& info, size_t i);
at::Scalar ScalarArg(const Napi::CallbackInfo& info, size_t i);
c10::optional<at::Scalar> OptScalar(const Napi::CallbackInfo& info, size_t i);
std::vector<double> Nums(const Napi::CallbackInfo& info, size_t i);
at::ScalarType DType(const Napi::CallbackInfo& info, size_t i);
int DTypeCode(at::ScalarType s);  // -1 for dtypes outside the TypeScript DType union
at::ScalarType DTypeFromCode(int code);

// A native function exported through the error guard.
using NativeFn = Napi::Value (*)(const Napi::CallbackInfo&);
struct OpDef {
  const char* name;
  NativeFn fn;
};
void ExportOps(Napi::Env env, Napi::Object exports, const OpDef* ops, size_t n);
template <size_t N>
void ExportOps(Napi::Env env, Napi::Object exports, const OpDef (&ops)[N]) {
  ExportOps(env, exports, ops, N);
}

// Topic modules (one translation unit each).
void InitTensor(Napi::Env env, Napi::Object exports);
void InitCreation(Napi::Env env, Napi::Object exports);
void InitMath(Napi::Env env, Napi::Object exports);
void InitViews(Napi::Env env, Napi::Object exports);
void InitFunctional(Napi::Env env, Napi::Object exports);
void InitSerialize(Napi::Env env, Napi::Object exports);

}  // namespace tb
