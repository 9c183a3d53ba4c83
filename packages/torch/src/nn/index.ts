export { Module, type LoadStateDictOptions, type LoadStateDictResult } from './module.js';
export { Linear, type LinearOptions } from './linear.js';
export { Conv2d, type Conv2dOptions } from './conv.js';
export { BatchNorm1d, BatchNorm2d, type BatchNormOptions } from './batchnorm.js';
export { Dropout, Flatten, Identity, MaxPool2d, ReLU } from './activation.js';
export { Sequential } from './sequential.js';
export { BasicBlock, ResNet, resnet18, type ResNet18Options } from './resnet.js';
export * as init from './init.js';
export * as functional from '../functional.js';
