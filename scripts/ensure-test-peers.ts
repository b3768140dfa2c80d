/**
 * Installs the real peers the test suite drives (Debian packages), where they are missing.
 *
 * Runs as `pretest`, so `npm install-test` on a fresh machine sets up everything.
 * As root it runs `apt-get update` once and `apt-get install -y` for what is missing;
 * otherwise it names each missing package and the command that installs it. Under CI
 * (`CI=true`) a peer that cannot be installed fails the run: interop tests never skip there.
 */
import { spawnSync } from 'node:child_process';

interface Peer {
  /** What the tests use it for. */
  readonly purpose: string;
  /** The Debian package that provides it. */
  readonly debianPackage: string;
  /** A command that exits 0 when the peer is usable. */
  readonly probe: readonly [string, ...string[]];
}

export const peers: readonly Peer[] = [
  {
    purpose: 'PyKMIP 0.10 client (KMIP interop tests)',
    debianPackage: 'python3-pykmip',
    probe: ['/usr/bin/python3', '-c', 'import kmip'],
  },
  {
    purpose: 'openssl s_client (TLS tests)',
    debianPackage: 'openssl',
    probe: ['openssl', 'version'],
  },
  {
    purpose: 'xmllint --dtdvalid (CIM-XML validated against the DMTF DTD)',
    debianPackage: 'libxml2-utils',
    probe: ['xmllint', '--version'],
  },
];

function isUsable(peer: Peer): boolean {
  const [cmd, ...args] = peer.probe;
  const result = spawnSync(cmd, args, { stdio: 'ignore' });
  return result.status === 0;
}

function run(cmd: string, args: string[]): boolean {
  console.log(`ensure-test-peers: ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

function main(): number {
  const missing = peers.filter((peer) => !isUsable(peer));
  if (missing.length === 0) {
    console.log(`ensure-test-peers: all ${peers.length} test peers present`);
    return 0;
  }
  const packages = [...new Set(missing.map((peer) => peer.debianPackage))];
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    if (
      run('apt-get', ['update']) &&
      run('apt-get', ['install', '-y', '--no-install-recommends', ...packages])
    ) {
      const stillMissing = missing.filter((peer) => !isUsable(peer));
      if (stillMissing.length === 0) return 0;
      return report(stillMissing);
    }
  }
  return report(missing);
}

function report(missing: readonly Peer[]): number {
  console.error('ensure-test-peers: these test peers are missing and could not be installed:');
  for (const peer of missing) {
    console.error(`  - ${peer.debianPackage}: ${peer.purpose}`);
  }
  const packages = [...new Set(missing.map((peer) => peer.debianPackage))].join(' ');
  console.error(`  install them with: sudo apt-get update && sudo apt-get install -y ${packages}`);
  if (process.env['CI'] === 'true') {
    console.error('ensure-test-peers: CI=true, so a missing peer fails the run.');
    return 1;
  }
  console.error(
    'ensure-test-peers: the interop tests that need them will be skipped on this machine.',
  );
  return 0;
}

process.exitCode = main();
