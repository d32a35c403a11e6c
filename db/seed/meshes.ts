import type { SeedMesh } from './types';

export const meshes: SeedMesh[] = [
  {
    slug: 'istio',
    name: 'Istio',
    homepage: 'https://istio.io',
    repository: 'https://github.com/istio/istio',
    description:
      'Open-source service mesh announced by Google, IBM and Lyft in 2017 that uses the Envoy proxy in its data plane.',
    status: 'active',
  },
  {
    slug: 'linkerd',
    name: 'Linkerd',
    otherNames: ['Linkerd 2', 'Linkerd2', 'Linkerd 2.x'],
    homepage: 'https://linkerd.io',
    repository: 'https://github.com/linkerd/linkerd2',
    description:
      'Open-source service mesh for Kubernetes created by Buoyant, with its own lightweight proxy written in Rust.',
    status: 'active',
    formerNames: [{ slug: 'conduit', name: 'Conduit' }],
  },
  {
    slug: 'consul',
    name: 'Consul',
    otherNames: ['Consul Connect', 'HashiCorp Consul'],
    homepage: 'https://www.consul.io',
    repository: 'https://github.com/hashicorp/consul',
    description:
      'Service discovery platform from HashiCorp whose Connect feature adds a service mesh with sidecar proxies, Envoy by default.',
    status: 'active',
  },
  {
    slug: 'kuma',
    name: 'Kuma',
    homepage: 'https://kuma.io',
    repository: 'https://github.com/kumahq/kuma',
    description:
      'Envoy-based service mesh created by Kong that runs on Kubernetes and on virtual machines (universal mode).',
    status: 'active',
  },
  {
    slug: 'traefik-mesh',
    name: 'Traefik Mesh',
    homepage: 'https://traefik.io/traefik-mesh',
    // Solo.io lists github.com/traefik/traefik, which is the Traefik Proxy; the mesh has its own repository.
    repository: 'https://github.com/traefik/mesh',
    description:
      'Service mesh from Traefik Labs (formerly Containous) that runs a proxy on every node instead of injecting sidecars.',
    status: 'active',
    formerNames: [{ slug: 'maesh', name: 'maesh' }],
  },
  {
    slug: 'aws-app-mesh',
    name: 'AWS App Mesh',
    otherNames: ['App Mesh', 'AppMesh', 'Amazon App Mesh'],
    homepage: 'https://aws.amazon.com/app-mesh/',
    repository: 'https://github.com/aws/aws-app-mesh-roadmap',
    description:
      'Managed service mesh from Amazon Web Services, based on Envoy, for workloads on EKS, ECS, Fargate and EC2.',
    status: 'active',
  },
  {
    slug: 'cilium',
    name: 'Cilium',
    otherNames: ['Cilium Service Mesh'],
    homepage: 'https://cilium.io',
    repository: 'https://github.com/cilium/cilium',
    description:
      'eBPF-based container networking interface (CNI) that offers service mesh capabilities without sidecars, using a per-node Envoy for layer 7 processing.',
    status: 'active',
  },
  {
    slug: 'open-service-mesh',
    name: 'Open Service Mesh',
    otherNames: ['OSM'],
    homepage: 'https://openservicemesh.io',
    repository: 'https://github.com/openservicemesh/osm',
    description: 'Envoy-based service mesh originally introduced by Microsoft and hosted as a CNCF project.',
    status: 'archived',
    statusNote:
      'Archived upstream: its maintainers archived the project repository (read-only since 2023); kept for history.',
    statusSourceUrl: 'https://github.com/openservicemesh/osm',
  },
  {
    slug: 'nginx-service-mesh',
    name: 'NGINX Service Mesh',
    homepage: 'https://docs.nginx.com/nginx-service-mesh/',
    repository: 'https://github.com/nginx',
    description: 'Service mesh from NGINX for Kubernetes that uses NGINX Plus as its sidecar proxy.',
    status: 'active',
  },
  {
    slug: 'gloo-mesh',
    name: 'Gloo Mesh',
    otherNames: ['Gloo'],
    homepage: 'https://www.solo.io/products/gloo-mesh',
    description: 'Commercial service mesh from Solo.io based on Istio and Envoy, part of the Gloo Platform.',
    status: 'active',
  },
  {
    slug: 'openshift-service-mesh',
    name: 'OpenShift Service Mesh',
    otherNames: ['Red Hat OpenShift Service Mesh'],
    homepage: 'https://www.redhat.com/en/technologies/cloud-computing/openshift/what-is-openshift-service-mesh',
    description: 'Proprietary service mesh from Red Hat for OpenShift, based on Istio.',
    status: 'active',
  },
  {
    slug: 'tanzu-service-mesh',
    name: 'Tanzu Service Mesh',
    homepage: 'https://tanzu.vmware.com/service-mesh',
    description: 'Software-as-a-service mesh from VMware based on Istio.',
    status: 'active',
  },
  {
    slug: 'anthos-service-mesh',
    name: 'Anthos Service Mesh',
    homepage: 'https://cloud.google.com/anthos/service-mesh',
    description: 'Software-as-a-service mesh from Google based on Istio.',
    status: 'active',
  },
  {
    slug: 'buoyant-cloud',
    name: 'Buoyant Cloud',
    otherNames: ['Bouyant Cloud'],
    homepage: 'https://buoyant.io/cloud',
    description: 'Proprietary software-as-a-service offering from Buoyant based on Linkerd.',
    status: 'active',
  },
];
