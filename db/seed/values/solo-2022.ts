import type { SeedArticleValues } from '../types';

/**
 * Solo.io, "What Is a service mesh?" (2022). Prose; the section
 * "Traefik (formerly Maesh)" is about Traefik Mesh. Repository URLs the
 * article gives belong to the mesh metadata, not to these values.
 */
export const solo2022: SeedArticleValues = {
  article: 'solo-2022',
  values: [
    // Istio
    {
      mesh: 'istio',
      feature: 'license',
      text: 'Apache License 2.0',
    },
    {
      mesh: 'istio',
      feature: 'open-source',
      support: 'yes',
    },
    {
      mesh: 'istio',
      feature: 'developed-by',
      text: 'Lyft',
      note: 'first created by Lyft; supported by Google, IBM, and Microsoft, for which it is the default service mesh option for Kubernetes',
    },
    {
      mesh: 'istio',
      feature: 'key-features',
      text: 'Deep analytics; zero trust strategy with authentication/authorization and access control policies; JWTs to authenticate applications from external and internal users; high resiliency to pod failures; automatic failovers of high-availability systems',
    },
    {
      mesh: 'istio',
      feature: 'platforms',
      text: 'Kubernetes; containerized and VM-based deployments',
      note: 'a native Kubernetes solution',
    },
    {
      mesh: 'istio',
      feature: 'mesh-expansion',
      support: 'yes',
      note: 'granular visibility and network controls for workloads such as containerized and VM-based deployments',
    },
    {
      mesh: 'istio',
      feature: 'blue-green-deployment',
      support: 'yes',
      note: 'facilitates blue-green and canary deployments by routing user groups to new applications',
    },
    {
      mesh: 'istio',
      feature: 'circuit-breaking',
      support: 'yes',
      note: 'eliminates the need for coding a circuit breaker in an application',
    },
    {
      mesh: 'istio',
      feature: 'retry-and-timeout',
      support: 'yes',
      note: 'timeouts to each service, retries, and automatic failovers',
    },
    {
      mesh: 'istio',
      feature: 'mtls',
      support: 'yes',
      note: 'encrypts all data in the communications between services, including within and outside the cluster, using an mTLS protocol',
    },
    {
      mesh: 'istio',
      feature: 'authorization-rules',
      support: 'yes',
      note: 'defining and enforcing authentication/authorization and access control policies',
    },
    {
      mesh: 'istio',
      feature: 'golden-signal-metrics',
      support: 'yes',
      note: 'telemetry data like latency, traffic health, errors, and saturation',
    },
    {
      mesh: 'istio',
      feature: 'distributed-tracing',
      support: 'yes',
      note: 'tracks network requests and provides a trail for all calls across different services',
    },

    // Linkerd
    {
      mesh: 'linkerd',
      feature: 'license',
      text: 'Apache License 2.0',
    },
    {
      mesh: 'linkerd',
      feature: 'open-source',
      support: 'yes',
    },
    {
      mesh: 'linkerd',
      feature: 'key-features',
      text: 'Prioritizes simplicity rather than flexibility; authorization policies; automated mTLS; automated proxy injection; fault injection; HTTP and gRPC proxies; complete on-cluster metrics; retry and timeout policies; TCP proxy and protocol detection',
    },
    {
      mesh: 'linkerd',
      feature: 'platforms',
      text: 'Kubernetes',
      note: 'Kubernetes-specific (v2); Linkerd v1.x supports additional container platforms but lacks the new features introduced for Kubernetes in v2',
    },
    {
      mesh: 'linkerd',
      feature: 'sidecar-proxy',
      support: 'yes',
      note: 'the data plane proxy is injected into pods',
    },
    {
      mesh: 'linkerd',
      feature: 'automatic-sidecar-injection',
      support: 'yes',
      note: 'automatically injects the data plane proxy into pods based on annotations',
    },
    {
      mesh: 'linkerd',
      feature: 'tcp',
      support: 'yes',
      note: 'can proxy all TCP-based traffic, including TLS connections and HTTP tunneling',
    },
    {
      mesh: 'linkerd',
      feature: 'http-1-1',
      support: 'yes',
      note: 'HTTP',
    },
    {
      mesh: 'linkerd',
      feature: 'http-2',
      support: 'yes',
    },
    {
      mesh: 'linkerd',
      feature: 'grpc',
      support: 'yes',
    },
    {
      mesh: 'linkerd',
      feature: 'websockets',
      support: 'yes',
      note: 'can proxy all TCP-based traffic, including WebSockets',
    },
    {
      mesh: 'linkerd',
      feature: 'load-balancing',
      support: 'yes',
      note: 'automatically enabled for HTTP, HTTP/2, and gRPC connections',
    },
    {
      mesh: 'linkerd',
      feature: 'retry-and-timeout',
      support: 'yes',
      note: 'retries and timeouts specific to a service; retries automatically enabled for HTTP, HTTP/2, and gRPC connections',
    },
    {
      mesh: 'linkerd',
      feature: 'fault-injection',
      support: 'yes',
      note: 'provides a mechanism to inject faults into services',
    },
    {
      mesh: 'linkerd',
      feature: 'mtls',
      support: 'yes',
      note: 'automated mTLS',
    },
    {
      mesh: 'linkerd',
      feature: 'mtls-by-default',
      support: 'yes',
      note: 'automatically implements mutual Transport Layer Security across all inter-app communication',
    },
    {
      mesh: 'linkerd',
      feature: 'authorization-rules',
      support: 'yes',
      note: 'authorization policies restrict the types of traffic allowed within the network',
    },
    {
      mesh: 'linkerd',
      feature: 'dashboard',
      support: 'yes',
      note: 'a full on-cluster metrics stack with dashboards and CLI tools',
    },
    {
      mesh: 'linkerd',
      feature: 'management-complexity',
      text: 'Prioritizes simplicity rather than flexibility',
      note: 'helps reduce the number of moving parts to reduce complexity',
    },

    // Consul Connect
    {
      mesh: 'consul',
      feature: 'license',
      text: 'Mozilla Public License 2.0',
    },
    {
      mesh: 'consul',
      feature: 'open-source',
      support: 'yes',
    },
    {
      mesh: 'consul',
      feature: 'developed-by',
      text: 'HashiCorp',
      note: "Connect is an addition to HashiCorp's Consul framework for managing services",
    },
    {
      mesh: 'consul',
      feature: 'key-features',
      text: 'Service discovery capabilities that provide complete service mesh functionality; advanced Kubernetes support; platform-agnostic; multi-cluster',
    },
    {
      mesh: 'consul',
      feature: 'platforms',
      text: 'Nomad, Kubernetes and other container platforms',
      note: 'initially intended for service management on Nomad; platform-agnostic: compatible with all cloud providers and architectures',
    },
    {
      mesh: 'consul',
      feature: 'service-proxy',
      text: 'Envoy',
    },
    {
      mesh: 'consul',
      feature: 'sidecar-proxy',
      support: 'yes',
      note: 'Envoy sidecar proxy',
    },
    {
      mesh: 'consul',
      feature: 'per-node-agent',
      support: 'yes',
      note: 'an agent installed on every node serves as a daemon set, communicating with the Envoy sidecar proxy',
    },
    {
      mesh: 'consul',
      feature: 'multi-cluster',
      support: 'yes',
      note: 'service catalog synchronization and auto-joining can extend the boundaries of Kubernetes clusters and include external services',
    },
    {
      mesh: 'consul',
      feature: 'mesh-expansion',
      support: 'yes',
      note: 'service catalog synchronization and auto-joining can include external services',
    },
    {
      mesh: 'consul',
      feature: 'mtls',
      support: 'yes',
      note: 'the control plane supports a configuration that enforces mutual TLS, automatically generating and distributing TLS certificates for each service',
    },
    {
      mesh: 'consul',
      feature: 'deployment-method',
      text: 'Helm chart',
      note: 'to automatically install, configure, and upgrade Consul as a service mesh on Kubernetes',
    },

    // Traefik Mesh ("Traefik (formerly Maesh)")
    {
      mesh: 'traefik-mesh',
      feature: 'license',
      text: 'MIT License',
    },
    {
      mesh: 'traefik-mesh',
      feature: 'open-source',
      support: 'yes',
    },
    {
      mesh: 'traefik-mesh',
      feature: 'key-features',
      text: 'Traffic observability and manageability; line blocking and rate limiting; several load balancing algorithms; SMI support; configuration updated continuously without restarts; wildcard encryption certificate support enabling HTTPS to microservices; one binary file in a small Docker image',
    },
    {
      mesh: 'traefik-mesh',
      feature: 'platforms',
      text: 'Kubernetes',
      note: 'increases traffic observability and manageability in Kubernetes clusters',
    },
    {
      mesh: 'traefik-mesh',
      feature: 'service-proxy',
      text: 'Traefik',
      note: 'open source load balancer and reverse proxy; replaces the standard Envoy sidecar proxy used in a service mesh',
    },
    {
      mesh: 'traefik-mesh',
      feature: 'load-balancing',
      support: 'yes',
      note: 'supports several load balancing algorithms',
    },
    {
      mesh: 'traefik-mesh',
      feature: 'rate-limiting',
      support: 'yes',
      note: 'advanced traffic management capabilities, including line blocking and rate limiting',
    },
    {
      mesh: 'traefik-mesh',
      feature: 'smi-support',
      support: 'yes',
    },
    {
      mesh: 'traefik-mesh',
      feature: 'management-complexity',
      text: 'Easily configured',
    },

    // NGINX Service Mesh
    {
      mesh: 'nginx-service-mesh',
      feature: 'license',
      text: 'Primarily open source',
    },
    {
      mesh: 'nginx-service-mesh',
      feature: 'open-source',
      support: 'yes',
      note: 'primarily open source',
    },
    {
      mesh: 'nginx-service-mesh',
      feature: 'key-features',
      text: 'Secure, scalable egress and ingress traffic management; service throttling; rate shaping; canary deployments; A/B testing',
    },
    {
      mesh: 'nginx-service-mesh',
      feature: 'platforms',
      text: 'Kubernetes',
      note: 'works for small Kubernetes clusters and large deployments',
    },
    {
      mesh: 'nginx-service-mesh',
      feature: 'service-proxy',
      text: 'NGINX Plus',
    },
    {
      mesh: 'nginx-service-mesh',
      feature: 'sidecar-proxy',
      support: 'yes',
      note: 'NGINX Plus acts as a sidecar proxy',
    },
    {
      mesh: 'nginx-service-mesh',
      feature: 'percentage-based-traffic-splits',
      support: 'yes',
      note: 'canary deployments and A/B testing',
    },
    {
      mesh: 'nginx-service-mesh',
      feature: 'ingress',
      text: 'Proprietary ingress controller for Kubernetes',
      note: 'secure, scalable egress and ingress traffic management; NGINX Plus acts as a sidecar proxy alongside the proprietary ingress controller',
    },
    {
      mesh: 'nginx-service-mesh',
      feature: 'rate-limiting',
      support: 'yes',
      note: 'service throttling and rate shaping',
    },
    {
      mesh: 'nginx-service-mesh',
      feature: 'distributed-tracing',
      support: 'yes',
      note: 'integrates with Open Tracing',
    },
    {
      mesh: 'nginx-service-mesh',
      feature: 'observability-integrations',
      text: 'Grafana, Open Tracing, Prometheus',
      note: 'integrates with Grafana, Open Tracing, and Prometheus to provide observability',
    },

    // AWS App Mesh
    {
      mesh: 'aws-app-mesh',
      version: 'managed',
      feature: 'license',
      text: 'Apache License 2.0',
    },
    {
      mesh: 'aws-app-mesh',
      version: 'managed',
      feature: 'open-source',
      support: 'yes',
      note: 'designed for use only within the AWS ecosystem',
    },
    {
      mesh: 'aws-app-mesh',
      version: 'managed',
      feature: 'key-features',
      text: 'Traffic routing controls that dynamically update the traffic routing without changing the application code; inter-service authentication with mTLS; Kubernetes-native user experience; fully managed service',
      note: 'when a service starts, App Mesh automatically configures the proxy',
    },
    {
      mesh: 'aws-app-mesh',
      version: 'managed',
      feature: 'limitations',
      text: 'Designed for use only within the AWS ecosystem',
      note: 'as a managed service mesh it limits you to a specific cloud environment and service mesh solution',
    },
    {
      mesh: 'aws-app-mesh',
      version: 'managed',
      feature: 'platforms',
      text: 'AWS services, Kubernetes on EC2',
      note: 'used in combination with Amazon services like the Elastic Kubernetes Service (EKS)',
    },
    {
      mesh: 'aws-app-mesh',
      version: 'managed',
      feature: 'sidecar-proxy',
      support: 'yes',
      note: 'customers include the proxy provided by App Mesh in the pod and task definition',
    },
    {
      mesh: 'aws-app-mesh',
      version: 'managed',
      feature: 'mtls',
      support: 'yes',
      note: 'uses mTLS to enable authentication at the transport layer; customers can provision certificates to extend the security perimeter to all applications running in the mesh',
    },
    {
      mesh: 'aws-app-mesh',
      version: 'managed',
      feature: 'deployment-method',
      text: 'Fully managed service',
      note: 'service communication management without installing or managing infrastructure at the application level',
    },
    {
      mesh: 'aws-app-mesh',
      version: 'managed',
      feature: 'management-complexity',
      text: 'Reduces the learning curve and complexity of a service mesh',
      note: 'managed service mesh',
    },

    // Gloo Mesh
    {
      mesh: 'gloo-mesh',
      feature: 'developed-by',
      text: 'Solo.io',
      note: "Solo's commercial offering based on Istio, part of the integrated Gloo Platform",
    },
    {
      mesh: 'gloo-mesh',
      feature: 'license',
      text: 'Commercial',
      note: "Solo's commercial offering based on the open source Istio",
    },
    {
      mesh: 'gloo-mesh',
      feature: 'key-features',
      text: 'Enterprise service mesh based on Istio and Envoy; connectivity, security, observability, and reliability; production support for Istio; simplified, centralized Istio and Envoy lifecycle management',
      note: 'the lifecycle management point is quoted from the 2022 GigaOm Service Mesh Radar report',
    },
    {
      mesh: 'gloo-mesh',
      feature: 'platforms',
      text: 'Kubernetes, VMs',
      note: 'spanning single cluster to multi-cluster, hybrid environments',
    },
    {
      mesh: 'gloo-mesh',
      feature: 'service-proxy',
      text: 'Envoy',
      note: 'based on Istio and Envoy',
    },
    {
      mesh: 'gloo-mesh',
      feature: 'mesh-expansion',
      support: 'yes',
      note: 'for Kubernetes, VMs, and microservices spanning single cluster to multi-cluster, hybrid environments',
    },
    {
      mesh: 'gloo-mesh',
      feature: 'multi-cluster',
      support: 'yes',
      note: 'spanning single cluster to multi-cluster, hybrid environments',
    },
  ],
};
