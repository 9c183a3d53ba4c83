import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import {
  buildDataset, crc32, DEFAULT_WORLD_OPTIONS, encodePng, estimateDatasetBytes, frameSeed, generateFrame, Rng, sampleScene,
  type StereoFrame,
} from '../../src/pseudo-lidar/world/index.js';
import { formatKittiLabels, parseKittiLabels } from '../../src/pseudo-lidar/kitti/index.js';
import { depthToPointCloud } from '../../src/pseudo-lidar/pointcloud/index.js';
import { observationAngle, pointInBox } from '../../src/pseudo-lidar/geometry/index.js';

const frames: StereoFrame[] = [0, 1, 2].map((i) => generateFrame(11, i));

test('frames have KITTI ¼-scale geometry and consistent depth/disparity', () => {
  for (const f of frames) {
    assert.equal(f.width, 311);
    assert.equal(f.height, 94);
    assert.ok(Math.abs(f.calib.fu - 721.5377 / 4) < 1e-9);
    assert.equal(f.calib.baseline, 0.54);
    assert.equal(f.left.length, 311 * 94);
    const fb = f.calib.fu * f.calib.baseline;
    for (let i = 0; i < f.depth.length; i++) {
      assert.ok(f.depth[i] > 0 && Number.isFinite(f.depth[i]), `depth ${f.depth[i]} at ${i}`);
      assert.ok(Math.abs(f.disparity[i] * f.depth[i] - fb) < 1e-3 * fb);
      assert.ok(f.left[i] >= 0 && f.left[i] <= 1 && f.right[i] >= 0 && f.right[i] <= 1);
    }
  }
});

test('the road seen at the bottom image row lies 1.65 m below the camera', () => {
  const f = frames[0];
  const v = f.height - 1;
  let onRoad = 0;
  for (let u = 0; u < f.width; u++) {
    const z = f.depth[v * f.width + u];
    const y = ((v - f.calib.cv) * z) / f.calib.fv;
    if (Math.abs(y - 1.65) < 1e-3) onRoad++;
  }
  assert.ok(onRoad > f.width / 4, `${onRoad} road pixels in the bottom row`);
});

test('same seed gives identical frames, different seeds or indices differ, frame i does not depend on N', () => {
  const again = generateFrame(11, 1);
  assert.deepEqual(again.left, frames[1].left);
  assert.deepEqual(again.right, frames[1].right);
  assert.deepEqual(again.depth, frames[1].depth);
  assert.deepEqual(again.labels, frames[1].labels);
  const other = generateFrame(12, 1);
  assert.notDeepEqual(other.depth, frames[1].depth);
  assert.notDeepEqual(frames[0].left, frames[1].left);
  const ds = buildDataset(11, 2, {}, { firstIndex: 1 });
  assert.deepEqual(ds.frames[0].left, frames[1].left);
  assert.equal(ds.frames[1].index, 2);
});

test('pixels of a labelled object back-project into its 3D box', () => {
  let checked = 0;
  for (const f of frames) {
    const cloud = depthToPointCloud(f.depth, f.calib);
    f.labels.forEach((o, k) => {
      if (o.type === 'DontCare') return;
      const grown = { ...o, dimensions: [o.dimensions[0] + 0.02, o.dimensions[1] + 0.02, o.dimensions[2] + 0.02] as [number, number, number],
        location: [o.location[0], o.location[1] + 0.01, o.location[2]] as [number, number, number] };
      let inside = 0, total = 0;
      for (let i = 0; i < cloud.count; i++) {
        if (f.objectIndex[cloud.pixel[i]] !== k) continue;
        total++;
        if (pointInBox(grown, cloud.xyz[3 * i], cloud.xyz[3 * i + 1], cloud.xyz[3 * i + 2])) inside++;
      }
      assert.ok(total > 0, `object ${k} has no pixels`);
      assert.equal(inside, total, `frame ${f.index} object ${k} (${o.type}): ${total - inside} of ${total} points outside the label`);
      checked++;
    });
  }
  assert.ok(checked >= 5, `only ${checked} objects checked`);
});

test('the right image is the left image shifted by the ground-truth disparity (textures stick to surfaces)', () => {
  for (const f of frames) {
    let warped = 0, unwarped = 0, n = 0;
    for (let v = 0; v < f.height; v++) {
      for (let u = 30; u < f.width; u++) {
        const i = v * f.width + u;
        const ur = u - f.disparity[i];
        const u0 = Math.floor(ur), a = ur - u0;
        if (u0 < 0 || u0 + 1 >= f.width) continue;
        const r = (1 - a) * f.right[v * f.width + u0] + a * f.right[v * f.width + u0 + 1];
        warped += Math.abs(f.left[i] - r);
        unwarped += Math.abs(f.left[i] - f.right[i]);
        n++;
      }
    }
    assert.ok(warped / n < 0.6 * (unwarped / n), `warped ${(warped / n).toFixed(4)} vs unwarped ${(unwarped / n).toFixed(4)}`);
  }
});

test('labels are valid KITTI objects and survive the text format', () => {
  for (const f of frames) {
    for (const o of f.labels) {
      assert.ok(o.bbox[0] >= -0.5 && o.bbox[2] <= f.width - 0.5 && o.bbox[1] >= -0.5 && o.bbox[3] <= f.height - 0.5);
      if (o.type === 'DontCare') continue;
      assert.ok(['Car', 'Pedestrian'].includes(o.type));
      assert.ok(o.truncated >= 0 && o.truncated <= 1);
      assert.ok([0, 1, 2, 3].includes(o.occluded));
      assert.ok(Math.abs(o.alpha - observationAngle(o)) < 1e-12);
      assert.ok(o.rotationY > -Math.PI && o.rotationY <= Math.PI);
    }
    const back = parseKittiLabels(formatKittiLabels(f.labels, 6), `frame ${f.index}`);
    assert.equal(back.length, f.labels.length);
    back.forEach((o, k) => assert.ok(Math.abs(o.location[2] - f.labels[k].location[2]) < 1e-5));
  }
});

test('object distances follow the KITTI-like distributions (scene sampler, 400 scenes)', () => {
  const cars: number[] = [], peds: number[] = [];
  for (let i = 0; i < 400; i++) {
    for (const o of sampleScene(new Rng(frameSeed(5, i)), DEFAULT_WORLD_OPTIONS).objects) (o.type === 'Car' ? cars : peds).push(o.location[2]);
  }
  const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const share = (a: number[], lo: number, hi: number): number => a.filter((z) => z >= lo && z <= hi).length / a.length;
  assert.ok(cars.length > 1600 && peds.length > 600, `${cars.length} cars, ${peds.length} pedestrians`);
  assert.ok(median(cars) > 18 && median(cars) < 32, `car median ${median(cars)}`);
  assert.ok(share(cars, 10, 45) > 0.75, `cars in 10–45 m: ${share(cars, 10, 45)}`);
  assert.ok(median(peds) > 9 && median(peds) < 17, `pedestrian median ${median(peds)}`);
  assert.ok(share(peds, 5, 25) > 0.8, `pedestrians in 5–25 m: ${share(peds, 5, 25)}`);
});

test('dataset builder returns plain data with a byte count close to the estimate', () => {
  const ds = buildDataset(11, 2);
  assert.equal(ds.frames.length, 2);
  const pixels = 311 * 94 * 18;
  assert.ok(ds.bytes >= 2 * pixels && ds.bytes < 2 * pixels + 10_000);
  const est = estimateDatasetBytes(2);
  assert.ok(Math.abs(est - ds.bytes) < 5_000, `estimate ${est} vs ${ds.bytes}`);
  assert.throws(() => buildDataset(11, -1), /frames must be an integer ≥ 0, got -1/);
  assert.throws(() => generateFrame(1, 0, { scale: 2 }), /scale must be in \(0, 1\]/);
  assert.throws(() => generateFrame(1, 0, { backdropDistance: [90, 80] }), /backdropDistance must be \[min, max\]/);
});

test('PNG encoder writes a valid signature, chunk CRCs and the pixel bytes', () => {
  const px = new Uint8Array([0, 64, 128, 255, 10, 20]);
  const png = encodePng(3, 2, 1, px);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(crc32(new TextEncoder().encode('IEND')), 0xae426082);
  let off = 8;
  const chunks: Record<string, Buffer> = {};
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    const data = png.subarray(off + 8, off + 8 + len);
    assert.equal(png.readUInt32BE(off + 8 + len), crc32(png.subarray(off + 4, off + 8 + len)), `${type} CRC`);
    chunks[type] = data;
    off += 12 + len;
  }
  assert.equal(chunks.IHDR.readUInt32BE(0), 3);
  assert.equal(chunks.IHDR.readUInt32BE(4), 2);
  assert.deepEqual([...inflateSync(chunks.IDAT)], [0, 0, 64, 128, 0, 255, 10, 20]);
});

test('a near backdrop adds far pixels and keeps every object in front of it', () => {
  const f = generateFrame(11, 0, { backdropDistance: [45, 50] });
  let wall = 0;
  for (const z of f.depth) if (z >= 45 && z <= 50) wall++;
  assert.ok(wall > f.depth.length * 0.05, `${wall} backdrop pixels`);
  for (const o of f.labels) assert.ok(o.location[2] < 50, `object at ${o.location[2]} m behind the backdrop`);
  for (let i = 0; i < 300; i++) {
    const s = sampleScene(new Rng(frameSeed(9, i)), { ...DEFAULT_WORLD_OPTIONS, backdropDistance: [30, 30] });
    for (const o of s.objects) assert.ok(o.location[2] <= 28.5);
  }
});
