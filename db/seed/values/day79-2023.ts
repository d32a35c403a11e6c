import type { SeedArticleValues } from '../types';

// Comparison table columns: Istio 1.16.1, Linkerd 2.12, AppMesh (no version: managed), Consul 1.14.3, Cilium 1.12.
// Composite rows are split into their rows; the "Service Mesh Offerings" list follows the table.
export const day792023: SeedArticleValues = {
  article: 'day79-2023',
  values: [
    // "Project Creators" row.
    { mesh: 'istio', version: '1.16.1', feature: 'developed-by', text: 'Google, Lyft, IBM, Solo' },
    { mesh: 'linkerd', version: '2.12', feature: 'developed-by', text: 'Buoyant' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'developed-by', text: 'AWS' },
    {
      mesh: 'consul',
      version: '1.14.3',
      feature: 'developed-by',
      text: 'Hashicorp',
      note: 'Offerings list: owned by HashiCorp, cloud offering available',
    },
    { mesh: 'cilium', version: '1.12', feature: 'developed-by', text: 'Isovalent' },

    { mesh: 'istio', version: '1.16.1', feature: 'service-proxy', text: 'Envoy, Rust-Proxy (experimental)' },
    { mesh: 'linkerd', version: '2.12', feature: 'service-proxy', text: 'Linkerd2-proxy' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'service-proxy', text: 'Envoy' },
    { mesh: 'consul', version: '1.14.3', feature: 'service-proxy', text: 'Interchangeable, Envoy default' },
    { mesh: 'cilium', version: '1.12', feature: 'service-proxy', text: 'Per-node Envoy' },
    { mesh: 'cilium', version: '1.12', feature: 'per-node-agent', support: 'yes', note: 'Per-node Envoy' },

    // "Ingress Capabilities" row.
    { mesh: 'istio', version: '1.16.1', feature: 'ingress', text: 'Yes via the Istio Ingress-Gateway' },
    { mesh: 'linkerd', version: '2.12', feature: 'ingress', text: 'No; BYO' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'ingress', text: 'Yes via AWS' },
    { mesh: 'consul', version: '1.14.3', feature: 'ingress', text: 'Envoy' },
    { mesh: 'cilium', version: '1.12', feature: 'ingress', text: 'Cilium-Based Ingress' },

    // "Traffic Management (Load Balancing, Traffic Split)".
    { mesh: 'istio', version: '1.16.1', feature: 'load-balancing', support: 'yes' },
    { mesh: 'linkerd', version: '2.12', feature: 'load-balancing', support: 'yes' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'load-balancing', support: 'yes' },
    { mesh: 'consul', version: '1.14.3', feature: 'load-balancing', support: 'yes' },
    { mesh: 'cilium', version: '1.12', feature: 'load-balancing', support: 'yes' },
    { mesh: 'istio', version: '1.16.1', feature: 'percentage-based-traffic-splits', support: 'yes' },
    { mesh: 'linkerd', version: '2.12', feature: 'percentage-based-traffic-splits', support: 'yes' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'percentage-based-traffic-splits', support: 'yes' },
    { mesh: 'consul', version: '1.14.3', feature: 'percentage-based-traffic-splits', support: 'yes' },
    {
      mesh: 'cilium',
      version: '1.12',
      feature: 'percentage-based-traffic-splits',
      support: 'yes',
      note: 'manual Envoy config required for traffic splits',
    },

    // "Resiliency Capabilities (Circuit Breaking, Retries/Timeouts, Faults, Delays)".
    { mesh: 'istio', version: '1.16.1', feature: 'circuit-breaking', support: 'yes' },
    { mesh: 'istio', version: '1.16.1', feature: 'retry-and-timeout', support: 'yes' },
    { mesh: 'istio', version: '1.16.1', feature: 'fault-injection', support: 'yes' },
    { mesh: 'istio', version: '1.16.1', feature: 'delay-injection', support: 'yes' },
    { mesh: 'linkerd', version: '2.12', feature: 'circuit-breaking', support: 'no' },
    { mesh: 'linkerd', version: '2.12', feature: 'retry-and-timeout', support: 'yes' },
    { mesh: 'linkerd', version: '2.12', feature: 'fault-injection', support: 'yes' },
    { mesh: 'linkerd', version: '2.12', feature: 'delay-injection', support: 'no' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'circuit-breaking', support: 'yes' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'retry-and-timeout', support: 'yes' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'fault-injection', support: 'no' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'delay-injection', support: 'no' },
    { mesh: 'consul', version: '1.14.3', feature: 'circuit-breaking', support: 'yes' },
    { mesh: 'consul', version: '1.14.3', feature: 'retry-and-timeout', support: 'yes' },
    { mesh: 'consul', version: '1.14.3', feature: 'fault-injection', support: 'no' },
    { mesh: 'consul', version: '1.14.3', feature: 'delay-injection', support: 'no' },
    {
      mesh: 'cilium',
      version: '1.12',
      feature: 'circuit-breaking',
      support: 'partial',
      note: 'requires manual Envoy configuration',
    },
    {
      mesh: 'cilium',
      version: '1.12',
      feature: 'retry-and-timeout',
      support: 'partial',
      note: 'requires manual Envoy configuration',
    },
    {
      mesh: 'cilium',
      version: '1.12',
      feature: 'fault-injection',
      support: 'no',
      note: 'no other resiliency capabilities',
    },
    {
      mesh: 'cilium',
      version: '1.12',
      feature: 'delay-injection',
      support: 'no',
      note: 'no other resiliency capabilities',
    },

    // "Monitoring" row, as written.
    {
      mesh: 'istio',
      version: '1.16.1',
      feature: 'observability-integrations',
      text: 'Access Logs, Kiali, Jaegar/Zikin, Grafana, Prometheus, LETS, OTEL',
    },
    {
      mesh: 'linkerd',
      version: '2.12',
      feature: 'observability-integrations',
      text: 'LETS, Prometheus, Grafana, OTEL',
    },
    {
      mesh: 'aws-app-mesh',
      version: 'managed',
      feature: 'observability-integrations',
      text: 'AWS X-RAY, and Cloud Watch provides these',
    },
    {
      mesh: 'consul',
      version: '1.14.3',
      feature: 'observability-integrations',
      text: 'Datadog, Jaegar, Zipkin, OpenTracing, OTEL, Honeycomb',
    },
    {
      mesh: 'cilium',
      version: '1.12',
      feature: 'observability-integrations',
      text: 'Hubble, OTEL, Prometheus, Grafana',
    },

    // "Security Capabilities (mTLS, External CA)".
    { mesh: 'istio', version: '1.16.1', feature: 'mtls', support: 'yes' },
    { mesh: 'linkerd', version: '2.12', feature: 'mtls', support: 'yes' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'mtls', support: 'yes' },
    { mesh: 'consul', version: '1.14.3', feature: 'mtls', support: 'yes' },
    {
      mesh: 'cilium',
      version: '1.12',
      feature: 'mtls',
      support: 'partial',
      note: 'Yes, with WireGuard: encryption between nodes, not mutual TLS between proxies',
    },
    { mesh: 'istio', version: '1.16.1', feature: 'external-ca', support: 'yes' },
    { mesh: 'linkerd', version: '2.12', feature: 'external-ca', support: 'yes' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'external-ca', support: 'yes' },
    { mesh: 'consul', version: '1.14.3', feature: 'external-ca', support: 'yes' },

    // "Getting Started" row.
    { mesh: 'istio', version: '1.16.1', feature: 'getting-started-guide', support: 'yes' },
    { mesh: 'linkerd', version: '2.12', feature: 'getting-started-guide', support: 'yes' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'getting-started-guide', support: 'yes' },
    { mesh: 'consul', version: '1.14.3', feature: 'getting-started-guide', support: 'yes' },
    { mesh: 'cilium', version: '1.12', feature: 'getting-started-guide', support: 'yes' },

    { mesh: 'istio', version: '1.16.1', feature: 'production-ready', support: 'yes' },
    { mesh: 'linkerd', version: '2.12', feature: 'production-ready', support: 'yes' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'production-ready', support: 'yes' },
    { mesh: 'consul', version: '1.14.3', feature: 'production-ready', support: 'yes' },
    { mesh: 'cilium', version: '1.12', feature: 'production-ready', support: 'yes' },

    // Offerings-list notes of meshes with a table column go into the note of their key-features value.
    {
      mesh: 'istio',
      version: '1.16.1',
      feature: 'key-features',
      text: 'Sidecar and Sidecar-less, Wasm Extensibility, VM support, Multi-cloud Support, Data Plane extensions',
      note: 'Offerings list: widely adopted and abstracted',
    },
    { mesh: 'linkerd', version: '2.12', feature: 'key-features', text: 'Simplistic and non-invasive' },
    {
      mesh: 'aws-app-mesh',
      version: 'managed',
      feature: 'key-features',
      text: 'Highly focused and tight integration into AWS Ecosystem',
      note: 'Offerings list: AWS specific services',
    },
    {
      mesh: 'consul',
      version: '1.14.3',
      feature: 'key-features',
      text: 'Tight integration into Nomad and Hashicorp Ecosystem',
    },
    {
      mesh: 'cilium',
      version: '1.12',
      feature: 'key-features',
      text: 'Usage of eBPF for enhanced packet processing, Cilium Control Plane used to manage Service Mesh, No sidecars',
      note: 'Offerings list: originally a CNI',
    },

    { mesh: 'istio', version: '1.16.1', feature: 'limitations', text: 'Complex, learning curve' },
    {
      mesh: 'linkerd',
      version: '2.12',
      feature: 'limitations',
      text: 'Strictly K8s, additional config for BYO Ingress',
    },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'limitations', text: 'Limited to just AWS services' },
    { mesh: 'consul', version: '1.14.3', feature: 'limitations', text: 'Storage tied to Consul and not K8s' },
    {
      mesh: 'cilium',
      version: '1.12',
      feature: 'limitations',
      text: 'Not a complete Service Mesh, requires manual configuration',
    },

    // "Protocol Support (TCP, HTTP 1.1 & 2, gRPC)".
    { mesh: 'istio', version: '1.16.1', feature: 'tcp', support: 'yes' },
    { mesh: 'linkerd', version: '2.12', feature: 'tcp', support: 'yes' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'tcp', support: 'yes' },
    { mesh: 'consul', version: '1.14.3', feature: 'tcp', support: 'yes' },
    { mesh: 'cilium', version: '1.12', feature: 'tcp', support: 'yes' },
    { mesh: 'istio', version: '1.16.1', feature: 'http-1-1', support: 'yes' },
    { mesh: 'linkerd', version: '2.12', feature: 'http-1-1', support: 'yes' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'http-1-1', support: 'yes' },
    { mesh: 'consul', version: '1.14.3', feature: 'http-1-1', support: 'yes' },
    { mesh: 'cilium', version: '1.12', feature: 'http-1-1', support: 'yes' },
    { mesh: 'istio', version: '1.16.1', feature: 'http-2', support: 'yes' },
    { mesh: 'linkerd', version: '2.12', feature: 'http-2', support: 'yes' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'http-2', support: 'yes' },
    { mesh: 'consul', version: '1.14.3', feature: 'http-2', support: 'yes' },
    { mesh: 'cilium', version: '1.12', feature: 'http-2', support: 'yes' },
    { mesh: 'istio', version: '1.16.1', feature: 'grpc', support: 'yes' },
    { mesh: 'linkerd', version: '2.12', feature: 'grpc', support: 'yes' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'grpc', support: 'yes' },
    { mesh: 'consul', version: '1.14.3', feature: 'grpc', support: 'yes' },
    { mesh: 'cilium', version: '1.12', feature: 'grpc', support: 'yes' },

    // "Sidecar Modes" sets both sidecar-proxy and sidecarless-mode; the phrase is kept in the note.
    { mesh: 'istio', version: '1.16.1', feature: 'sidecar-proxy', support: 'yes', note: 'Sidecar and Sidecar-less' },
    { mesh: 'istio', version: '1.16.1', feature: 'sidecarless-mode', support: 'yes', note: 'Sidecar and Sidecar-less' },
    { mesh: 'linkerd', version: '2.12', feature: 'sidecar-proxy', support: 'yes', note: 'Sidecar' },
    { mesh: 'linkerd', version: '2.12', feature: 'sidecarless-mode', support: 'no', note: 'Sidecar' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'sidecar-proxy', support: 'yes', note: 'Sidecar' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'sidecarless-mode', support: 'no', note: 'Sidecar' },
    { mesh: 'consul', version: '1.14.3', feature: 'sidecar-proxy', support: 'yes', note: 'Sidecar' },
    { mesh: 'consul', version: '1.14.3', feature: 'sidecarless-mode', support: 'no', note: 'Sidecar' },
    { mesh: 'cilium', version: '1.12', feature: 'sidecar-proxy', support: 'no', note: 'No sidecar' },
    { mesh: 'cilium', version: '1.12', feature: 'sidecarless-mode', support: 'yes', note: 'No sidecar' },

    { mesh: 'istio', version: '1.16.1', feature: 'cni-redirection', text: 'Istio CNI Plugin' },
    { mesh: 'linkerd', version: '2.12', feature: 'cni-redirection', text: 'linkerd-cni' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'cni-redirection', text: 'ProxyConfiguration Required' },
    { mesh: 'consul', version: '1.14.3', feature: 'cni-redirection', text: 'Consul CNI' },
    { mesh: 'cilium', version: '1.12', feature: 'cni-redirection', text: 'eBPF Kernel processing' },

    // "Platform Support" row.
    { mesh: 'istio', version: '1.16.1', feature: 'platforms', text: 'K8s and VMs' },
    { mesh: 'linkerd', version: '2.12', feature: 'platforms', text: 'K8s' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'platforms', text: 'EC2, EKS, ECS, Fargate, K8s on EC2' },
    { mesh: 'consul', version: '1.14.3', feature: 'platforms', text: 'K8s, Nomad, ECS, Lambda, VMs' },
    { mesh: 'cilium', version: '1.12', feature: 'platforms', text: 'K8s, VMs, Nomad' },

    // "Multi-cluster Mesh" row.
    { mesh: 'istio', version: '1.16.1', feature: 'multi-cluster', support: 'yes' },
    { mesh: 'linkerd', version: '2.12', feature: 'multi-cluster', support: 'yes' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'multi-cluster', support: 'yes', note: 'only AWS' },
    { mesh: 'consul', version: '1.14.3', feature: 'multi-cluster', support: 'yes' },
    { mesh: 'cilium', version: '1.12', feature: 'multi-cluster', support: 'yes' },

    // "Governance and Oversight" row, as written.
    { mesh: 'istio', version: '1.16.1', feature: 'governance', text: 'Istio Community' },
    { mesh: 'linkerd', version: '2.12', feature: 'governance', text: 'Linkered Community' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'governance', text: 'AWS' },
    { mesh: 'consul', version: '1.14.3', feature: 'governance', text: 'Hashicorp' },
    { mesh: 'cilium', version: '1.12', feature: 'governance', text: 'Cilium Community' },

    // Offerings list, "Open Source or Proprietary" column. Its "Notes" column is used only for meshes
    // without a table column (for the others it is already in the table or kept in a note above).
    { mesh: 'istio', version: '1.16.1', feature: 'open-source', support: 'yes' },
    { mesh: 'linkerd', version: '2.12', feature: 'open-source', support: 'yes' },
    { mesh: 'consul', version: '1.14.3', feature: 'open-source', support: 'yes' },
    { mesh: 'aws-app-mesh', version: 'managed', feature: 'open-source', support: 'no' },
    { mesh: 'cilium', version: '1.12', feature: 'open-source', support: 'yes' },

    { mesh: 'kuma', feature: 'open-source', support: 'yes' },
    { mesh: 'kuma', feature: 'developed-by', text: 'Kong' },
    { mesh: 'traefik-mesh', feature: 'open-source', support: 'yes' },
    { mesh: 'traefik-mesh', feature: 'key-features', text: 'Specialized Proxy' },
    { mesh: 'open-service-mesh', feature: 'open-source', support: 'yes' },
    { mesh: 'open-service-mesh', feature: 'developed-by', text: 'Microsoft' },
    { mesh: 'gloo-mesh', feature: 'open-source', support: 'no' },
    { mesh: 'gloo-mesh', feature: 'developed-by', text: 'Solo.io', note: 'built on top of Istio' },
    { mesh: 'openshift-service-mesh', feature: 'open-source', support: 'no' },
    // Written "Redhad" in the article; text keeps the article's spelling, the note names the maker.
    {
      mesh: 'openshift-service-mesh',
      feature: 'developed-by',
      text: 'Redhad',
      note: 'Red Hat; based on Istio',
    },
    { mesh: 'tanzu-service-mesh', version: 'managed', feature: 'open-source', support: 'no' },
    {
      mesh: 'tanzu-service-mesh',
      version: 'managed',
      feature: 'developed-by',
      text: 'VMware',
      note: 'SaaS based on Istio',
    },
    { mesh: 'anthos-service-mesh', version: 'managed', feature: 'open-source', support: 'no' },
    {
      mesh: 'anthos-service-mesh',
      version: 'managed',
      feature: 'developed-by',
      text: 'Google',
      note: 'SaaS based on Istio',
    },
    { mesh: 'buoyant-cloud', version: 'managed', feature: 'open-source', support: 'no' },
    { mesh: 'buoyant-cloud', version: 'managed', feature: 'key-features', text: 'SaaS based on Linkerd' },
  ],
};
