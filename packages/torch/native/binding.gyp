{
  "targets": [{
    "target_name": "torchbind",
    "sources": [
      "src/addon.cc",
      "src/args.cc",
      "src/tensor.cc",
      "src/creation.cc",
      "src/math.cc",
      "src/views.cc",
      "src/functional.cc",
      "src/serialize.cc"
    ],
    "include_dirs": [
      "<!(node -p \"require('node-addon-api').include_dir\")",
      "/usr/include/torch/csrc/api/include"
    ],
    "defines": [
      "NAPI_VERSION=8",
      "NODE_ADDON_API_CPP_EXCEPTIONS",
      "NODE_ADDON_API_CPP_EXCEPTIONS_ALL",
      "NODE_ADDON_API_DISABLE_DEPRECATED",
      "NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS",
      "_GLIBCXX_USE_CXX11_ABI=1"
    ],
    "cflags!": ["-fno-exceptions"],
    "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++17"],
    "cflags_cc": ["-std=c++17", "-fexceptions", "-frtti", "-O2",
                  "-Wno-unused-parameter", "-Wno-deprecated-declarations"],
    "libraries": ["-ltorch_cpu", "-lc10"]
  }]
}
