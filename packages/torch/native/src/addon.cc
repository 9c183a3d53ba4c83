// Module entry point: context-aware init, so the main thread and every worker thread get
// their own AddonData (handle class, scopes, counters, random generator).
#include "common.h"

static Napi::Object InitAll(Napi::Env env, Napi::Object exports) {
  using namespace tb;
  auto* d = new AddonData();
  env.SetInstanceData<AddonData>(d);  // deleted by N-API when the environment is torn down
  env.AddCleanupHook([d]() { d->closing = true; });
  InitTensor(env, exports);
  InitCreation(env, exports);
  InitMath(env, exports);
  InitViews(env, exports);
  InitFunctional(env, exports);
  InitSerialize(env, exports);
  return exports;
}

NODE_API_MODULE(torchbind, InitAll)
