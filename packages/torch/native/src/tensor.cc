// Tensor handles and their lifetime (dispose, scopes, finalizers, external memory),
// tensor metadata, data out, autograd entry points, threads and the random generator.
#include "common.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <cstring>

namespace tb {

// Tensors at least this large are reported to V8 so GC pressure reflects native memory.
constexpr int64_t kAccountThreshold = 4096;
// A scope list is compacted (released holders dropped) when it reaches this many entries.
constexpr size_t kCompactMin = 1024;

AddonData& Data(Napi::Env env) { return *env.GetInstanceData<AddonData>(); }

// ------------------------------------------------------------------ handles and lifetime

Napi::Function Handle::Define(Napi::Env env) { return DefineClass(env, "Handle", {}); }

Handle::Handle(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Handle>(info) {
  TagHandle(info.This().As<Napi::Object>());
}

void Handle::Finalize(Napi::Env env) {
  if (h) Release(env, *h);
}

void Release(Napi::Env env, Holder& h) {
  if (!h.t.defined()) return;
  h.t.reset();
  AddonData& d = Data(env);
  d.liveTensors--;
  d.liveBytes -= h.bytes;
  if (h.accounted && !d.closing) Napi::MemoryManagement::AdjustExternalMemory(env, -h.bytes);
  h.accounted = false;
}

static void CompactScope(std::vector<HolderPtr>& scope) {
  scope.erase(std::remove_if(scope.begin(), scope.end(),
                             [](const HolderPtr& h) { return !h->t.defined() || h->kept; }),
              scope.end());
}

Napi::Value Wrap(Napi::Env env, at::Tensor t) {
  if (!t.defined()) return env.Null();
  AddonData& d = Data(env);
  Napi::Object o = d.handleCtor.New({});
  Handle* w = Handle::Unwrap(o);
  auto h = std::make_shared<Holder>();
  h->bytes = static_cast<int64_t>(t.nbytes());
  h->t = std::move(t);
  d.liveTensors++;
  d.liveBytes += h->bytes;
  if (h->bytes >= kAccountThreshold) {
    Napi::MemoryManagement::AdjustExternalMemory(env, h->bytes);
    h->accounted = true;
  }
  w->h = h;
  if (!d.scopes.empty()) {
    auto& scope = d.scopes.back();
    if (scope.size() >= kCompactMin && scope.size() == scope.capacity()) CompactScope(scope);
    scope.push_back(std::move(h));
  }
  return o;
}

Napi::Value WrapList(Napi::Env env, const std::vector<at::Tensor>& ts) {
  auto a = Napi::Array::New(env, ts.size());
  for (size_t i = 0; i < ts.size(); i++) a.Set(static_cast<uint32_t>(i), Wrap(env, ts[i]));
  return a;
}

Napi::Value WrapPair(Napi::Env env, const std::tuple<at::Tensor, at::Tensor>& p, const char* a,
                     const char* b) {
  auto o = Napi::Object::New(env);
  o.Set(a, Wrap(env, std::get<0>(p)));
  o.Set(b, Wrap(env, std::get<1>(p)));
  return o;
}

namespace {

Napi::Value Dispose(const Napi::CallbackInfo& info) {
  Handle* w = HandleOf(info[0]);
  if (!w) throw ArgError("argument 1 must be a Tensor");
  if (w->h) Release(info.Env(), *w->h);
  return info.Env().Undefined();
}

Napi::Value IsDisposed(const Napi::CallbackInfo& info) {
  Handle* w = HandleOf(info[0]);
  if (!w) throw ArgError("argument 1 must be a Tensor");
  return Napi::Boolean::New(info.Env(), !w->h || !w->h->t.defined());
}

Napi::Value StartScope(const Napi::CallbackInfo& info) {
  AddonData& d = Data(info.Env());
  d.scopes.emplace_back();
  return Napi::Number::New(info.Env(), static_cast<double>(d.scopes.size()));
}

// endScope(keep: Handle[]): release the innermost scope's tensors except `keep`,
// which move to the enclosing scope (or become unscoped at the outermost level).
Napi::Value EndScope(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  AddonData& d = Data(env);
  if (d.scopes.empty()) throw ArgError("no open scope (endScope without startScope)");
  std::vector<Holder*> keep;
  if (info[0].IsArray()) {
    auto a = info[0].As<Napi::Array>();
    for (uint32_t k = 0; k < a.Length(); k++) {
      Handle* w = HandleOf(a.Get(k));
      if (w && w->h) keep.push_back(w->h.get());
    }
  }
  std::sort(keep.begin(), keep.end());
  std::vector<HolderPtr> scope = std::move(d.scopes.back());
  d.scopes.pop_back();
  for (HolderPtr& h : scope) {
    if (h->kept || !h->t.defined()) continue;
    if (std::binary_search(keep.begin(), keep.end(), h.get())) {
      if (!d.scopes.empty()) d.scopes.back().push_back(std::move(h));
    } else {
      Release(env, *h);
    }
  }
  return env.Undefined();
}

Napi::Value ScopeDepth(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(Data(info.Env()).scopes.size()));
}

Napi::Value Keep(const Napi::CallbackInfo& info) {
  Handle* w = HandleOf(info[0]);
  if (!w) throw ArgError("argument 1 must be a Tensor");
  if (!w->h || !w->h->t.defined()) throw DisposedError();
  w->h->kept = true;
  return info.Env().Undefined();
}

Napi::Value Memory(const Napi::CallbackInfo& info) {
  AddonData& d = Data(info.Env());
  auto o = Napi::Object::New(info.Env());
  o.Set("liveTensors", static_cast<double>(d.liveTensors));
  o.Set("externalBytes", static_cast<double>(d.liveBytes));
  return o;
}

// ------------------------------------------------------------------ metadata

Napi::Value Shape(const Napi::CallbackInfo& info) {
  const at::Tensor& t = T(info, 0);
  auto s = t.sizes();
  auto a = Napi::Array::New(info.Env(), s.size());
  for (size_t i = 0; i < s.size(); i++)
    a.Set(static_cast<uint32_t>(i), Napi::Number::New(info.Env(), static_cast<double>(s[i])));
  return a;
}

Napi::Value DTypeOf(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), DTypeCode(T(info, 0).scalar_type()));
}

Napi::Value Numel(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(T(info, 0).numel()));
}

// ------------------------------------------------------------------ data out

// Copies the tensor once into a new typed array (handles non-contiguous layouts).
Napi::Value ToTypedArray(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  at::Tensor src = T(info, 0).detach();
  at::ScalarType st = src.scalar_type();
  if (DTypeCode(st) < 0) st = at::isFloatingType(st) ? at::kDouble : at::kLong;
  napi_typedarray_type kind;
  switch (st) {
    case at::kFloat: kind = napi_float32_array; break;
    case at::kDouble: kind = napi_float64_array; break;
    case at::kLong: kind = napi_bigint64_array; break;
    default: kind = napi_uint8_array; break;  // bool and uint8: one byte per element
  }
  const int64_t n = src.numel();
  const size_t itemsize = c10::elementSize(st);
  auto buf = Napi::ArrayBuffer::New(env, static_cast<size_t>(n) * itemsize);
  if (n > 0) {
    at::NoGradGuard noGrad;
    at::Tensor dst = at::from_blob(buf.Data(), src.sizes(), at::TensorOptions().dtype(st));
    dst.copy_(src);
  }
  napi_value out;
  napi_status status = napi_create_typedarray(env, kind, static_cast<size_t>(n), buf, 0, &out);
  NAPI_THROW_IF_FAILED(env, status, Napi::Value());
  return Napi::Value(env, out);
}

Napi::Value Item(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), T(info, 0).item().toDouble());
}

// ------------------------------------------------------------------ copies and conversion

Napi::Value Clone(const Napi::CallbackInfo& info) { return Wrap(info.Env(), T(info, 0).clone()); }

Napi::Value To(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), T(info, 0).to(DType(info, 1), false, /*copy=*/true));
}

Napi::Value Contiguous(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), T(info, 0).contiguous());
}

// ------------------------------------------------------------------ autograd

Napi::Value Detach(const Napi::CallbackInfo& info) { return Wrap(info.Env(), T(info, 0).detach()); }

Napi::Value RequiresGrad(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), T(info, 0).requires_grad());
}

Napi::Value SetRequiresGrad(const Napi::CallbackInfo& info) {
  at::Tensor t = T(info, 0);
  t.set_requires_grad(Bool(info, 1));
  return info.Env().Undefined();
}

Napi::Value IsLeaf(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), T(info, 0).is_leaf());
}

// backward(t, grad?, retainGraph?)
Napi::Value Backward(const Napi::CallbackInfo& info) {
  const at::Tensor& t = T(info, 0);
  c10::optional<at::Tensor> g = OptT(info, 1);
  c10::optional<bool> retain;
  if (!info[2].IsUndefined()) retain = Bool(info, 2);
  t.backward(g ? *g : at::Tensor(), retain);
  return info.Env().Undefined();
}

// Returns a new handle sharing the gradient's storage, or null.
Napi::Value Grad(const Napi::CallbackInfo& info) {
  const at::Tensor& g = T(info, 0).grad();
  return g.defined() ? Wrap(info.Env(), g) : info.Env().Null();
}

// Sets .grad to undefined (PyTorch's zero_grad(set_to_none=True)).
Napi::Value ZeroGrad(const Napi::CallbackInfo& info) {
  at::Tensor t = T(info, 0);
  t.mutable_grad().reset();
  return info.Env().Undefined();
}

Napi::Value SetGradEnabled(const Napi::CallbackInfo& info) {
  bool previous = at::GradMode::is_enabled();
  at::GradMode::set_enabled(Bool(info, 0));
  return Napi::Boolean::New(info.Env(), previous);
}

Napi::Value IsGradEnabled(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), at::GradMode::is_enabled());
}

// ------------------------------------------------------------------ threads and seeds

Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  int64_t n = Int(info, 0);
  if (n < 1 || n > 1024) throw ArgError("number of threads must be in [1, 1024], got " + std::to_string(n));
  at::set_num_threads(static_cast<int>(n));
  return info.Env().Undefined();
}

Napi::Value GetNumThreads(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), at::get_num_threads());
}

Napi::Value ManualSeed(const Napi::CallbackInfo& info) {
  int64_t seed = Int(info, 0);
  AddonData& d = Data(info.Env());
  std::lock_guard<std::mutex> lock(d.generator.mutex());
  d.generator.set_current_seed(static_cast<uint64_t>(seed));
  return info.Env().Undefined();
}

Napi::Value ParallelInfo(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), at::get_parallel_info());
}

// trimMemory(): hands freed heap memory back to the OS (glibc malloc_trim); true when some was released.
// glibc keeps freed tensor buffers of varying sizes in its heap, so RSS grows over long prediction loops.
Napi::Value TrimMemory(const Napi::CallbackInfo& info) {
#ifdef __GLIBC__
  return Napi::Boolean::New(info.Env(), malloc_trim(0) == 1);
#else
  return Napi::Boolean::New(info.Env(), false);
#endif
}

// init(TorchError): the class native errors are thrown as.
Napi::Value Init(const Napi::CallbackInfo& info) {
  if (!info[0].IsFunction()) throw ArgError("argument 1 must be the TorchError class");
  Data(info.Env()).errorCtor = Napi::Persistent(info[0].As<Napi::Function>());
  return info.Env().Undefined();
}

const OpDef kOps[] = {
    {"init", Init},
    {"dispose", Dispose},
    {"isDisposed", IsDisposed},
    {"startScope", StartScope},
    {"endScope", EndScope},
    {"scopeDepth", ScopeDepth},
    {"keep", Keep},
    {"memory", Memory},
    {"trimMemory", TrimMemory},
    {"shape", Shape},
    {"dtype", DTypeOf},
    {"numel", Numel},
    {"toTypedArray", ToTypedArray},
    {"item", Item},
    {"clone", Clone},
    {"to", To},
    {"contiguous", Contiguous},
    {"detach", Detach},
    {"requiresGrad", RequiresGrad},
    {"setRequiresGrad", SetRequiresGrad},
    {"isLeaf", IsLeaf},
    {"backward", Backward},
    {"grad", Grad},
    {"zeroGrad", ZeroGrad},
    {"setGradEnabled", SetGradEnabled},
    {"isGradEnabled", IsGradEnabled},
    {"setNumThreads", SetNumThreads},
    {"getNumThreads", GetNumThreads},
    {"manualSeed", ManualSeed},
    {"parallelInfo", ParallelInfo},
};

}  // namespace

void InitTensor(Napi::Env env, Napi::Object exports) {
  AddonData& d = Data(env);
  d.handleCtor = Napi::Persistent(Handle::Define(env));
  d.generator = at::make_generator<at::CPUGeneratorImpl>(at::default_rng_seed_val);
  ExportOps(env, exports, kOps);
}

}  // namespace tb
