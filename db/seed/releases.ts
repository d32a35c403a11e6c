import type { SeedRelease } from './types';

// The releases the five articles name (no article gives a release date, so
// releasedOn stays null). `managed` is the one release of a hosted service
// without public versions. Values from an article that names no release go
// to the release current at its date (the servicemesh.es history names most),
// else to a release labelled by the date; see lib/server/seed/seed-database.ts.
export const releases: SeedRelease[] = [
  { mesh: 'istio', label: '1.3', releasedOn: null, namedBy: 'servicemesh-es-2019' },
  { mesh: 'istio', label: '1.4', releasedOn: null, namedBy: 'toptal-2021' },
  { mesh: 'istio', label: '1.5', releasedOn: null, namedBy: 'toptal-2021' },
  { mesh: 'istio', label: '1.9', releasedOn: null, namedBy: 'toptal-2021' },
  { mesh: 'istio', label: '1.16.1', releasedOn: null, namedBy: 'day79-2023' },
  { mesh: 'linkerd', label: '2.6', releasedOn: null, namedBy: 'servicemesh-es-2019' },
  { mesh: 'linkerd', label: '2.9', releasedOn: null, namedBy: 'toptal-2021' },
  { mesh: 'linkerd', label: '2.12', releasedOn: null, namedBy: 'day79-2023' },
  { mesh: 'consul', label: '1.6', releasedOn: null, namedBy: 'servicemesh-es-2019' },
  { mesh: 'consul', label: '1.14.3', releasedOn: null, namedBy: 'day79-2023' },
  { mesh: 'kuma', label: '0.2', releasedOn: null, namedBy: 'servicemesh-es-2019' },
  { mesh: 'kuma', label: '1.0', releasedOn: null, namedBy: 'toptal-2021' },
  { mesh: 'traefik-mesh', label: '0.7', releasedOn: null, namedBy: 'servicemesh-es-2019' },
  { mesh: 'aws-app-mesh', label: 'managed', releasedOn: null, namedBy: 'servicemesh-es-2019' },
  { mesh: 'cilium', label: '1.12', releasedOn: null, namedBy: 'day79-2023' },
  { mesh: 'tanzu-service-mesh', label: 'managed', releasedOn: null, namedBy: 'day79-2023' },
  { mesh: 'anthos-service-mesh', label: 'managed', releasedOn: null, namedBy: 'day79-2023' },
  { mesh: 'buoyant-cloud', label: 'managed', releasedOn: null, namedBy: 'day79-2023' },
];
