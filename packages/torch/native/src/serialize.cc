// Checkpoints: a Dict[str, Tensor] in PyTorch's zip+pickle format (torch::pickle_save), so
// Python's torch.load returns a dict. This TU is the only one with torch/ frontend headers.
#include "common.h"

#include <torch/serialize.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace tb {

namespace {

// Tensors with dtypes outside the TypeScript DType union are widened on load.
at::Tensor Supported(const at::Tensor& t, const std::string& name) {
  switch (t.scalar_type()) {
    case at::kFloat:
    case at::kDouble:
    case at::kLong:
    case at::kBool:
    case at::kByte:
      return t;
    case at::kInt:
    case at::kShort:
    case at::kChar:
      return t.to(at::kLong);
    case at::kHalf:
    case at::kBFloat16:
      return t.to(at::kFloat);
    default:
      throw ArgError("entry '" + name + "' has unsupported dtype " + c10::toString(t.scalar_type()));
  }
}

// save(names[], tensors[], path)
Napi::Value Save(const Napi::CallbackInfo& info) {
  if (!info[0].IsArray()) throw ArgError("argument 1 must be an array of names");
  auto names = info[0].As<Napi::Array>();
  std::vector<at::Tensor> tensors = TensorList(info, 1);
  std::string path = Str(info, 2);
  if (names.Length() != tensors.size()) throw ArgError("names and tensors differ in length");
  c10::Dict<std::string, at::Tensor> dict;
  for (uint32_t i = 0; i < names.Length(); i++) {
    Napi::Value n = names.Get(i);
    if (!n.IsString()) throw ArgError("state dict keys must be strings");
    dict.insert(n.As<Napi::String>().Utf8Value(), tensors[i].detach());
  }
  std::vector<char> bytes = torch::pickle_save(c10::IValue(dict));
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) throw ArgError("cannot open '" + path + "' for writing: " + std::strerror(errno));
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) throw ArgError("writing '" + path + "' failed: " + std::strerror(errno));
  return Napi::Number::New(info.Env(), static_cast<double>(bytes.size()));
}

// load(path) -> [names[], tensors[]]
Napi::Value Load(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string path = Str(info, 0);
  std::ifstream f(path, std::ios::binary);
  if (!f) throw ArgError("cannot read '" + path + "': " + std::strerror(errno));
  std::vector<char> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  c10::IValue iv;
  try {
    iv = torch::pickle_load(bytes);
  } catch (const std::exception& e) {
    std::string m = e.what();
    size_t cut = m.find('\n');
    if (cut != std::string::npos) m = m.substr(0, cut);
    throw ArgError("'" + path +
                   "' is not a checkpoint written by save() or Python torch.save (expected a zip archive "
                   "holding a pickled dict of tensors; from Python save a plain dict with at least two "
                   "entries, e.g. torch.save(dict(model.state_dict()), path), because libtorch 1.13 cannot "
                   "read OrderedDict or one-entry containers): " + m);
  }
  if (!iv.isGenericDict())
    throw ArgError("'" + path + "' holds a " + iv.tagKind() + ", expected a dict of str -> Tensor");
  auto names = Napi::Array::New(env);
  auto tensors = Napi::Array::New(env);
  uint32_t i = 0;
  for (const auto& entry : iv.toGenericDict()) {
    if (!entry.key().isString() || !entry.value().isTensor())
      throw ArgError("'" + path + "' holds a dict entry of " + entry.key().tagKind() + " -> " +
                     entry.value().tagKind() + ", expected str -> Tensor");
    std::string name = entry.key().toStringRef();
    names.Set(i, Napi::String::New(env, name));
    tensors.Set(i, Wrap(env, Supported(entry.value().toTensor(), name)));
    i++;
  }
  auto out = Napi::Array::New(env, 2);
  out.Set(0u, names);
  out.Set(1u, tensors);
  return out;
}

const OpDef kOps[] = {
    {"save", Save},
    {"load", Load},
};

}  // namespace

void InitSerialize(Napi::Env env, Napi::Object exports) { ExportOps(env, exports, kOps); }

}  // namespace tb
