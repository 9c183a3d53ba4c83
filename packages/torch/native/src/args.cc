// Argument conversion and the error guard every exported function runs through.
#include "common.h"

#include <cmath>
#include <sstream>

namespace tb {

namespace {

// Tag that marks objects created by Handle's constructor (napi type tags need NAPI 8).
constexpr napi_type_tag kHandleTag = {0x6a1e5b0c2f9d4e11ULL, 0x8c3a7d9e1b2f4a60ULL};

std::string Position(size_t i) { return "argument " + std::to_string(i + 1); }

std::string TypeName(const Napi::Value& v) {
  switch (v.Type()) {
    case napi_undefined: return "undefined";
    case napi_null: return "null";
    case napi_boolean: return "boolean";
    case napi_number: return "number";
    case napi_string: return "string";
    case napi_bigint: return "bigint";
    case napi_function: return "function";
    default: return v.IsArray() ? "array" : "object";
  }
}

const char* DTypeName(at::ScalarType s) {
  switch (s) {
    case at::kFloat: return "float32";
    case at::kDouble: return "float64";
    case at::kLong: return "int64";
    case at::kBool: return "bool";
    case at::kByte: return "uint8";
    default: return c10::toString(s);
  }
}

std::string DescribeTensor(const Napi::Value& v) {
  Handle* w = HandleOf(v);
  if (!w->h || !w->h->t.defined()) return "<disposed>";
  std::ostringstream s;
  const at::Tensor& t = w->h->t;
  s << DTypeName(t.scalar_type()) << "[";
  for (int64_t d = 0; d < t.dim(); d++) s << (d ? "," : "") << t.size(d);
  s << "]";
  return s.str();
}

// Short description of one argument for error messages; empty for undefined.
std::string DescribeArg(const Napi::Value& v, int depth = 0) {
  if (v.IsUndefined()) return "";
  if (v.IsNull()) return "null";
  if (v.IsNumber()) {
    std::ostringstream s;
    s << v.As<Napi::Number>().DoubleValue();
    return s.str();
  }
  if (v.IsBoolean()) return v.As<Napi::Boolean>().Value() ? "true" : "false";
  if (v.IsString()) return "'" + v.As<Napi::String>().Utf8Value() + "'";
  if (IsTensor(v)) return DescribeTensor(v);
  if (v.IsArray() && depth == 0) {
    auto a = v.As<Napi::Array>();
    std::string s = "[";
    uint32_t n = a.Length();
    for (uint32_t k = 0; k < n && k < 16; k++) s += (k ? ", " : "") + DescribeArg(a.Get(k), 1);
    if (n > 16) s += ", ...";
    return s + "]";
  }
  return TypeName(v);
}

std::string DescribeArgs(const Napi::CallbackInfo& info) {
  std::string s;
  for (size_t i = 0; i < info.Length(); i++) {
    std::string d = DescribeArg(info[i]);
    if (d.empty()) continue;
    s += (s.empty() ? "" : ", ") + d;
  }
  return s;
}

// libtorch messages carry "Exception raised from ..." context lines; keep the message itself.
std::string CleanTorchMessage(const std::string& raw) {
  std::string m = raw;
  size_t cut = m.find("\nException raised from");
  if (cut != std::string::npos) m = m.substr(0, cut);
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

[[noreturn]] void ThrowTorchError(const Napi::CallbackInfo& info, const std::string& op,
                                  const std::string& message) {
  Napi::Env env = info.Env();
  AddonData& d = Data(env);
  if (d.errorCtor.IsEmpty()) {
    Napi::Error e = Napi::Error::New(env, message);
    e.Set("op", Napi::String::New(env, op));
    throw e;
  }
  Napi::Object e = d.errorCtor.New({Napi::String::New(env, message), Napi::String::New(env, op)});
  throw Napi::Error(env, e);
}

Napi::Value Guarded(const Napi::CallbackInfo& info) {
  const OpDef* op = static_cast<const OpDef*>(info.Data());
  std::string message;
  try {
    return op->fn(info);
  } catch (const Napi::Error&) {
    throw;  // already a JS exception (or the environment is shutting down)
  } catch (const DisposedError&) {
    ThrowTorchError(info, op->name, std::string("Tensor is disposed (op: ") + op->name + ")");
  } catch (const c10::Error& e) {
    message = CleanTorchMessage(e.what_without_backtrace());
  } catch (const std::exception& e) {
    message = e.what();
  }
  std::string args = DescribeArgs(info);
  ThrowTorchError(info, op->name,
                  std::string(op->name) + ": " + message + (args.empty() ? "" : " [args: " + args + "]"));
}

}  // namespace

void ExportOps(Napi::Env env, Napi::Object exports, const OpDef* ops, size_t n) {
  for (size_t i = 0; i < n; i++)
    exports.Set(ops[i].name,
                Napi::Function::New(env, Guarded, ops[i].name, const_cast<OpDef*>(&ops[i])));
}

void TagHandle(Napi::Object o) { o.TypeTag(&kHandleTag); }

Handle* HandleOf(const Napi::Value& v) {
  if (!v.IsObject()) return nullptr;
  Napi::Object o = v.As<Napi::Object>();
  if (!o.CheckTypeTag(&kHandleTag)) return nullptr;
  return Handle::Unwrap(o);
}

bool IsTensor(const Napi::Value& v) { return HandleOf(v) != nullptr; }

const at::Tensor& T(const Napi::CallbackInfo& info, size_t i) {
  Handle* w = HandleOf(info[i]);
  if (!w) throw ArgError(Position(i) + " must be a Tensor, got " + TypeName(info[i]));
  if (!w->h || !w->h->t.defined()) throw DisposedError();
  return w->h->t;
}

c10::optional<at::Tensor> OptT(const Napi::CallbackInfo& info, size_t i) {
  if (info[i].IsUndefined() || info[i].IsNull()) return c10::nullopt;
  return T(info, i);
}

std::vector<at::Tensor> TensorList(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsArray()) throw ArgError(Position(i) + " must be an array of Tensors, got " + TypeName(info[i]));
  auto a = info[i].As<Napi::Array>();
  std::vector<at::Tensor> r;
  r.reserve(a.Length());
  for (uint32_t k = 0; k < a.Length(); k++) {
    Napi::Value v = a.Get(k);
    Handle* w = HandleOf(v);
    if (!w) throw ArgError(Position(i) + "[" + std::to_string(k) + "] must be a Tensor, got " + TypeName(v));
    if (!w->h || !w->h->t.defined()) throw DisposedError();
    r.push_back(w->h->t);
  }
  return r;
}

static int64_t IntOf(const Napi::Value& v, const std::string& where) {
  if (!v.IsNumber()) throw ArgError(where + " must be an integer, got " + TypeName(v));
  double x = v.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(x) || std::floor(x) != x || std::fabs(x) > 9007199254740992.0) {
    std::ostringstream s;
    s << where << " must be an integer, got " << x;
    throw ArgError(s.str());
  }
  return static_cast<int64_t>(x);
}

int64_t Int(const Napi::CallbackInfo& info, size_t i) { return IntOf(info[i], Position(i)); }

c10::optional<int64_t> OptInt(const Napi::CallbackInfo& info, size_t i) {
  if (info[i].IsUndefined() || info[i].IsNull()) return c10::nullopt;
  return Int(info, i);
}

double Num(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsNumber()) throw ArgError(Position(i) + " must be a number, got " + TypeName(info[i]));
  return info[i].As<Napi::Number>().DoubleValue();
}

c10::optional<double> OptNum(const Napi::CallbackInfo& info, size_t i) {
  if (info[i].IsUndefined() || info[i].IsNull()) return c10::nullopt;
  return Num(info, i);
}

bool Bool(const Napi::CallbackInfo& info, size_t i) { return info[i].ToBoolean().Value(); }

std::string Str(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsString()) throw ArgError(Position(i) + " must be a string, got " + TypeName(info[i]));
  return info[i].As<Napi::String>().Utf8Value();
}

std::vector<int64_t> Ints(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsArray())
    throw ArgError(Position(i) + " must be an array of integers, got " + TypeName(info[i]));
  auto a = info[i].As<Napi::Array>();
  std::vector<int64_t> r(a.Length());
  for (uint32_t k = 0; k < a.Length(); k++)
    r[k] = IntOf(a.Get(k), Position(i) + "[" + std::to_string(k) + "]");
  return r;
}

// Integral JS numbers stay integral so that an int64 tensor combined with 2 stays int64,
// as in PyTorch with a Python int; other numbers become double scalars.
at::Scalar ScalarArg(const Napi::CallbackInfo& info, size_t i) {
  double x = Num(info, i);
  if (std::isfinite(x) && std::floor(x) == x && std::fabs(x) < 9007199254740992.0)
    return at::Scalar(static_cast<int64_t>(x));
  return at::Scalar(x);
}

c10::optional<at::Scalar> OptScalar(const Napi::CallbackInfo& info, size_t i) {
  if (info[i].IsUndefined() || info[i].IsNull()) return c10::nullopt;
  return ScalarArg(info, i);
}

std::vector<double> Nums(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsArray()) throw ArgError(Position(i) + " must be an array of numbers, got " + TypeName(info[i]));
  auto a = info[i].As<Napi::Array>();
  std::vector<double> r(a.Length());
  for (uint32_t k = 0; k < a.Length(); k++) {
    Napi::Value v = a.Get(k);
    if (!v.IsNumber()) throw ArgError(Position(i) + "[" + std::to_string(k) + "] must be a number");
    r[k] = v.As<Napi::Number>().DoubleValue();
  }
  return r;
}

// Codes shared with src/dtype.ts.
at::ScalarType DTypeFromCode(int code) {
  switch (code) {
    case 0: return at::kFloat;
    case 1: return at::kDouble;
    case 2: return at::kLong;
    case 3: return at::kBool;
    case 4: return at::kByte;
    default: throw ArgError("unknown dtype code " + std::to_string(code));
  }
}

int DTypeCode(at::ScalarType s) {
  switch (s) {
    case at::kFloat: return 0;
    case at::kDouble: return 1;
    case at::kLong: return 2;
    case at::kBool: return 3;
    case at::kByte: return 4;
    default: return -1;
  }
}

at::ScalarType DType(const Napi::CallbackInfo& info, size_t i) {
  return DTypeFromCode(static_cast<int>(Int(info, i)));
}

}  // namespace tb
