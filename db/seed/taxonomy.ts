import type { SeedCategory } from './types';

const smiSpec = 'https://github.com/deislabs/smi-spec/blob/master';

export const categories: SeedCategory[] = [
  {
    slug: 'general',
    name: 'General',
    features: [
      {
        slug: 'license',
        name: 'License',
        kind: 'text',
        definition:
          'The licence under which the mesh is distributed, as the source names it (for example Apache License 2.0 or closed source).',
      },
      {
        slug: 'open-source',
        name: 'Open source',
        kind: 'support',
        definition:
          'Yes if the source code of the mesh is published under an open-source licence; no if the source calls it proprietary or closed source.',
      },
      {
        slug: 'developed-by',
        name: 'Developed by',
        aliases: ['Project Creators', 'Created by', 'Initiated by'],
        kind: 'text',
        definition: 'The company, companies or community that created the mesh or develop it.',
      },
      {
        slug: 'governance',
        name: 'Governance',
        aliases: ['Governance and Oversight'],
        kind: 'text',
        definition: 'Who oversees the direction of the project: a foundation, an open community or a single vendor.',
      },
      {
        slug: 'production-ready',
        name: 'Production ready',
        aliases: ['Used in production'],
        kind: 'support',
        definition: 'Yes if the source states that the mesh is ready for, or proven in, production use.',
      },
      {
        slug: 'key-features',
        name: 'Key features',
        aliases: ['Advantages'],
        kind: 'text',
        definition: 'The capabilities or traits the source highlights as distinguishing this mesh from the others.',
      },
      {
        slug: 'limitations',
        name: 'Limitations and requirements',
        aliases: ['Limitations', 'Drawbacks'],
        kind: 'text',
        definition:
          'Restrictions, prerequisites or dependencies the source names for running the mesh (for example a required database or a single supported platform).',
      },
    ],
  },
  {
    slug: 'architecture',
    name: 'Architecture and platforms',
    features: [
      {
        slug: 'platforms',
        name: 'Platforms',
        aliases: ['Platform', 'Platform Support', 'Supported platforms'],
        kind: 'text',
        definition:
          'The orchestrators, runtimes and environments whose workloads the mesh can manage (for example Kubernetes, virtual machines, Nomad or ECS).',
      },
      {
        slug: 'cloud-integrations',
        name: 'Cloud integrations',
        kind: 'text',
        definition:
          'The cloud platforms and managed offerings the source lists as integrated with the mesh, such as a hosted control plane or a cloud provider add-on.',
      },
      {
        slug: 'service-proxy',
        name: 'Service proxy',
        kind: 'text',
        definition:
          'The proxy that carries service traffic in the data plane of the mesh, and how it is deployed where the source says so.',
      },
      {
        slug: 'sidecar-proxy',
        name: 'Sidecar proxy',
        kind: 'support',
        definition:
          'Yes if the mesh runs a proxy next to each workload instance (in the same pod or task) that intercepts its traffic; the proxy name goes in the note.',
      },
      {
        slug: 'sidecarless-mode',
        name: 'Sidecar-less mode',
        kind: 'support',
        definition:
          'Yes if the mesh can carry workload traffic without a per-workload sidecar proxy, for example through per-node proxies or kernel-level (eBPF) processing.',
      },
      {
        slug: 'automatic-sidecar-injection',
        name: 'Automatic sidecar injection',
        kind: 'support',
        definition:
          'Yes if the mesh adds its data-plane proxy to workloads automatically (for example by an admission webhook acting on an annotation) instead of requiring each workload definition to be edited by hand.',
      },
      {
        slug: 'per-node-agent',
        name: 'Per-node agent',
        kind: 'support',
        definition:
          'Yes if the mesh runs an agent or proxy instance on every node (for example as a DaemonSet) as part of its data or control plane.',
      },
      {
        slug: 'ha-control-plane',
        name: 'High-availability control plane',
        aliases: ['HA control plane'],
        kind: 'support',
        definition:
          'Yes if the control plane can run as several replicas, or is operated as a highly available managed service, so that losing one instance does not stop the mesh.',
      },
      {
        slug: 'multi-cluster',
        name: 'Multi-cluster',
        aliases: ['Multi-cluster Mesh'],
        kind: 'support',
        definition:
          'Yes if one mesh can span workloads in more than one cluster, so that services in different clusters communicate through the mesh.',
      },
      {
        slug: 'mesh-expansion',
        name: 'Mesh expansion',
        kind: 'support',
        definition:
          'Yes if workloads outside the main orchestrator, such as virtual machines or other cloud services, can join the mesh.',
      },
      {
        slug: 'cni-redirection',
        name: 'CNI redirection',
        kind: 'text',
        definition:
          'The mechanism the mesh uses at the network (CNI) level to redirect workload traffic into its data plane, such as a CNI plugin or eBPF processing.',
      },
      {
        slug: 'cni-plugin',
        name: 'CNI plugin',
        kind: 'support',
        definition:
          'Yes if the mesh offers a CNI plugin that sets up the traffic redirection, so workload pods need no elevated network privileges.',
      },
    ],
  },
  {
    slug: 'protocols',
    name: 'Supported protocols',
    features: [
      {
        slug: 'tcp',
        name: 'TCP',
        kind: 'support',
        definition: 'Yes if the mesh proxies plain TCP connections between workloads.',
      },
      {
        slug: 'http-1-1',
        name: 'HTTP/1.1',
        kind: 'support',
        definition: 'Yes if the mesh proxies HTTP/1.1 traffic between workloads.',
      },
      {
        slug: 'http-2',
        name: 'HTTP/2',
        kind: 'support',
        definition: 'Yes if the mesh proxies HTTP/2 traffic between workloads.',
      },
      {
        slug: 'grpc',
        name: 'gRPC',
        kind: 'support',
        definition: 'Yes if the mesh proxies gRPC traffic between workloads.',
      },
      {
        slug: 'websockets',
        name: 'WebSockets',
        kind: 'support',
        definition: 'Yes if the mesh proxies WebSocket connections between workloads.',
      },
    ],
  },
  {
    slug: 'traffic-management',
    name: 'Routing and traffic management',
    features: [
      {
        slug: 'load-balancing',
        name: 'Load balancing',
        kind: 'support',
        definition:
          'Yes if the mesh itself spreads requests across the instances of a destination service; the algorithms go in the note.',
      },
      {
        slug: 'percentage-based-traffic-splits',
        name: 'Percentage-based traffic splits',
        kind: 'support',
        definition:
          'Yes if the mesh can send a configured percentage of the traffic for a service to each of several versions or backends.',
      },
      {
        slug: 'header-and-path-based-traffic-splits',
        name: 'Header- and path-based traffic splits',
        kind: 'support',
        definition:
          'Yes if the mesh can route requests to different versions or backends according to request headers or URL paths.',
      },
      {
        slug: 'blue-green-deployment',
        name: 'Blue-green deployment',
        kind: 'support',
        definition:
          'Yes if the mesh can switch the traffic of a service from one deployed version to another through its own configuration.',
      },
      {
        slug: 'ingress',
        name: 'Ingress',
        aliases: ['Ingress Controller', 'Ingress Capabilities'],
        kind: 'text',
        definition:
          'How traffic from outside enters the mesh: the ingress gateway of the mesh itself or the ingress controllers it works with.',
      },
    ],
  },
  {
    slug: 'resilience',
    name: 'Resilience',
    features: [
      {
        slug: 'circuit-breaking',
        name: 'Circuit breaking',
        kind: 'support',
        definition:
          'Yes if the mesh can stop sending requests to a failing or overloaded destination once configured thresholds are reached.',
      },
      {
        slug: 'retry-and-timeout',
        name: 'Retry and timeout',
        aliases: ['Retries and timeouts'],
        kind: 'support',
        definition:
          'Yes if the mesh can retry failed requests automatically and enforce request timeouts; partial if the source says only one of the two is available.',
      },
      {
        slug: 'path-based-retry-and-timeout',
        name: 'Path-based retry and timeout',
        aliases: ['Path-based Retry & Timeout', 'Path- & Method-based Retry & Timeout'],
        kind: 'support',
        definition:
          'Yes if retries and timeouts can be configured separately for each endpoint of a service (by path, or by path and method).',
      },
      {
        slug: 'fault-injection',
        name: 'Fault injection',
        kind: 'support',
        definition:
          'Yes if the mesh can deliberately fail or abort a share of requests to test how services cope with errors.',
      },
      {
        slug: 'delay-injection',
        name: 'Delay injection',
        kind: 'support',
        definition:
          'Yes if the mesh can deliberately add latency to a share of requests to test how services cope with slow responses.',
      },
      {
        slug: 'rate-limiting',
        name: 'Rate limiting',
        kind: 'support',
        definition: 'Yes if the mesh can cap the rate of requests that reach a service.',
      },
    ],
  },
  {
    slug: 'security',
    name: 'Security',
    features: [
      {
        slug: 'mtls',
        name: 'mTLS',
        kind: 'support',
        definition:
          'Yes if the mesh can encrypt and mutually authenticate service-to-service traffic with mutual TLS between its proxies.',
      },
      {
        slug: 'mtls-by-default',
        name: 'mTLS on by default',
        aliases: ['mTLS by default'],
        kind: 'support',
        definition:
          'Yes if mutual TLS between proxies is active after a default installation, without extra configuration.',
      },
      {
        slug: 'mtls-enforcement',
        name: 'mTLS enforcement',
        kind: 'support',
        definition:
          'Yes if the mesh can require mutual TLS for traffic to a service and refuse plain-text connections.',
      },
      {
        slug: 'mtls-permissive-mode',
        name: 'mTLS permissive mode',
        // servicemesh.es spelled it "Permissvie" in some versions.
        aliases: ['mTLS Permissvie Mode'],
        kind: 'support',
        definition:
          'Yes if a service can accept both mutual-TLS and plain-text traffic, for a gradual move to mutual TLS.',
      },
      {
        slug: 'authorization-rules',
        name: 'Authorization rules',
        aliases: ['Service-to-Service Authorization Rules'],
        kind: 'support',
        definition:
          'Yes if the mesh can allow or deny traffic between services according to policies, for example by service identity.',
      },
      {
        slug: 'external-ca',
        name: 'External certificate authority',
        aliases: ['External CA', 'External CA certificate and key pluggable'],
        kind: 'support',
        definition:
          'Yes if the mesh can obtain its workload certificates from a certificate authority outside the mesh, such as Vault or a CA the organisation runs itself.',
      },
    ],
  },
  {
    slug: 'observability',
    name: 'Monitoring and observability',
    features: [
      {
        slug: 'access-log-generation',
        name: 'Access log generation',
        aliases: ['Access logs'],
        kind: 'support',
        definition: 'Yes if the proxies of the mesh can write a log entry for each request they handle.',
      },
      {
        slug: 'service-log-collection',
        name: 'Service log collection',
        kind: 'support',
        definition:
          "Yes if the mesh collects the logs the services themselves write (not only the proxies' access logs) and ships them to a log store.",
      },
      {
        slug: 'golden-signal-metrics',
        name: 'Golden signal metrics',
        aliases: ['Golden Signal Metrics Generation'],
        kind: 'support',
        definition:
          'Yes if the mesh generates golden-signal metrics (latency, traffic, errors and saturation, or the subset the note names) for services without changes to the application.',
        referenceUrl:
          'https://landing.google.com/sre/sre-book/chapters/monitoring-distributed-systems/#xref_monitoring_golden-signals',
      },
      {
        slug: 'prometheus-integration',
        name: 'Integrated Prometheus',
        aliases: ['Integrated, pre-configured Prometheus', 'Monitoring with Prometheus'],
        kind: 'support',
        definition:
          'Yes if the mesh ships with, or is monitored out of the box by, a Prometheus that is already configured to collect its metrics.',
      },
      {
        slug: 'grafana-integration',
        name: 'Integrated Grafana',
        aliases: ['Integrated, pre-configured Grafana'],
        kind: 'support',
        definition: 'Yes if the mesh ships with pre-configured Grafana dashboards for its metrics.',
      },
      {
        slug: 'per-route-metrics',
        name: 'Per-route metrics',
        kind: 'support',
        definition:
          'Yes if the mesh reports metrics per individual route (for example per HTTP path and method), not only per service.',
      },
      {
        slug: 'dashboard',
        name: 'Dashboard',
        aliases: ['GUI'],
        kind: 'support',
        definition:
          'Yes if the mesh provides a graphical user interface for inspecting the mesh, its own or an officially supported one named in the note.',
      },
      {
        slug: 'distributed-tracing',
        name: 'Distributed tracing',
        aliases: ['Compatible Tracing-Backends', 'Tracing'],
        kind: 'support',
        definition:
          'Yes if the proxies of the mesh take part in distributed tracing by reporting spans to a tracing backend; the compatible backends go in the note.',
      },
      {
        slug: 'integrated-tracing-backend',
        name: 'Integrated tracing backend',
        aliases: ['Integrated, pre-configured Tracing-Backends'],
        kind: 'support',
        definition:
          'Yes if the mesh installs a tracing backend (such as Jaeger) pre-configured along with itself; the backend goes in the note.',
      },
      {
        slug: 'observability-integrations',
        name: 'Observability integrations',
        kind: 'text',
        definition: 'The monitoring, logging, tracing and visualisation tools the source says the mesh works with.',
      },
    ],
  },
  {
    slug: 'smi',
    name: 'Service Mesh Interface (SMI)',
    features: [
      {
        slug: 'smi-support',
        name: 'SMI support',
        aliases: ['SMI Specification Support', 'SMI'],
        kind: 'support',
        definition:
          'Yes if the mesh implements the Service Mesh Interface specification; partial if it implements only some of its APIs or only experimentally.',
        referenceUrl: 'https://smi-spec.io/',
      },
      {
        slug: 'traffic-access-control',
        name: 'Traffic Access Control',
        kind: 'support',
        definition:
          'Yes if the mesh implements the SMI Traffic Access Control API for granting access between services.',
        referenceUrl: `${smiSpec}/traffic-access-control.md`,
      },
      {
        slug: 'traffic-specs',
        name: 'Traffic Specs',
        kind: 'support',
        definition:
          'Yes if the mesh implements the SMI Traffic Specs API for describing traffic by protocol-level attributes such as routes.',
        referenceUrl: `${smiSpec}/traffic-specs.md`,
      },
      {
        slug: 'traffic-split',
        name: 'Traffic Split',
        // The table's second version misspelt the row as "ffic Split".
        aliases: ['ffic Split'],
        kind: 'support',
        definition:
          'Yes if the mesh implements the SMI Traffic Split API for splitting traffic between backends of a service.',
        referenceUrl: `${smiSpec}/traffic-split.md`,
      },
      {
        slug: 'traffic-metrics',
        name: 'Traffic Metrics',
        kind: 'support',
        definition: 'Yes if the mesh implements the SMI Traffic Metrics API for exposing common traffic metrics.',
        referenceUrl: `${smiSpec}/traffic-metrics.md`,
      },
    ],
  },
  {
    slug: 'operations',
    name: 'Operations',
    features: [
      {
        slug: 'deployment-method',
        name: 'Deployment method',
        kind: 'text',
        definition: 'How the mesh is installed, for example with its own CLI, a Helm chart or an operator.',
      },
      {
        slug: 'management-complexity',
        name: 'Management complexity',
        kind: 'text',
        definition:
          'The rating the source gives of the effort needed to run and maintain the mesh, for example low, medium or high.',
      },
      {
        slug: 'exposed-api',
        name: 'Exposed API',
        kind: 'support',
        definition:
          'Yes if the mesh exposes an API through which its control plane can be configured or queried; how it is documented goes in the note.',
      },
      {
        slug: 'getting-started-guide',
        name: 'Getting-started guide',
        aliases: ['Getting Started', 'Tutorial'],
        kind: 'support',
        definition: 'Yes if the project publishes an official getting-started guide or quick start.',
      },
    ],
  },
];
