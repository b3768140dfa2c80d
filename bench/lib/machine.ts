/** The machine facts a benchmark result is meaningless without. */
import { arch, cpus, platform, release, totalmem } from 'node:os';

/** Where the numbers were taken. The runner is single-threaded: results are per core. */
export interface MachineFacts {
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly arch: string;
  readonly cpuModel: string;
  /** Logical cores the OS reports (the runner uses one). */
  readonly cores: number;
  readonly totalMemoryBytes: number;
}

/** Collects the facts of the current machine and runtime. */
export function describeMachine(): MachineFacts {
  const cpuList = cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${platform()} ${release()}`,
    arch: arch(),
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    totalMemoryBytes: totalmem(),
  };
}
