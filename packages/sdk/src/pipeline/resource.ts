import { randomUUID } from 'node:crypto';
import { arch, hostname } from 'node:os';
import type { Attributes } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';

/**
 * The resource every record carries, as OpenTelemetry's exporters read it; every attribute is known at once
 * (nothing asynchronous to wait for, or to warn about when read at exit).
 */
export class ProcessResource implements Resource {
  readonly asyncAttributesPending = false;

  constructor(readonly attributes: Attributes) {}

  merge(other: Resource | null): Resource {
    return new ProcessResource({ ...this.attributes, ...other?.attributes });
  }

  getRawAttributes(): [string, Attributes[string]][] {
    return Object.entries(this.attributes);
  }
}

/** Node's names for CPU architectures, in the semantic conventions' spelling (host.arch). */
const HOST_ARCH: Record<string, string> = {
  arm: 'arm32',
  arm64: 'arm64',
  ia32: 'x86',
  ppc: 'ppc32',
  ppc64: 'ppc64',
  s390x: 's390x',
  x64: 'amd64',
};

export interface ResourceSources {
  readonly version: string;
  /** OTEL_RESOURCE_ATTRIBUTES, already parsed and validated by the configuration. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly serviceName: string | undefined;
}

/**
 * Service identity, host and a per-process instance id (the collector chains records per service instance),
 * resolved synchronously once: records sent while the process exits carry all of it. Left out on purpose:
 * process attributes (command lines often carry secrets) and host.id (OpenTelemetry reads it asynchronously).
 * Later sources win, so the environment comes last: a pinned service.instance.id keeps one integrity chain across
 * restarts, and OTEL_SERVICE_NAME wins over a service.name in OTEL_RESOURCE_ATTRIBUTES.
 */
export function processResource(sources: ResourceSources): ProcessResource {
  return new ProcessResource({
    'service.name': `unknown_service:${process.argv0}`,
    'telemetry.sdk.name': 'secotel',
    'telemetry.sdk.language': 'nodejs',
    'telemetry.sdk.version': sources.version,
    'telemetry.distro.name': 'secotel',
    'telemetry.distro.version': sources.version,
    'host.name': hostname(),
    'host.arch': HOST_ARCH[arch()] ?? arch(),
    'service.instance.id': randomUUID(),
    ...sources.attributes,
    ...(sources.serviceName === undefined ? {} : { 'service.name': sources.serviceName }),
  });
}
