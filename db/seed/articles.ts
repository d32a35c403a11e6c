import type { SeedArticle } from './types';

/** Oldest first: the seed loads them in this order so history reads forward in time. */
export const articles: SeedArticle[] = [
  {
    key: 'servicemesh-es-2019',
    title: 'servicemesh.es: Technical Comparison',
    publisher: 'INNOQ',
    url: 'https://servicemesh.es',
    published: '2019-11',
    licence: 'CC BY 4.0, INNOQ',
  },
  {
    key: 'newstack-2020',
    title: 'An Exploratory Guide to the Service Mesh Platforms',
    publisher: 'The New Stack',
    url: 'https://thenewstack.io/an-exploratory-guide-to-the-service-mesh-platforms/',
    published: '2020-03-31',
  },
  {
    key: 'toptal-2021',
    title: 'A Kubernetes Service Mesh Comparison',
    publisher: 'Toptal',
    url: 'https://www.toptal.com/kubernetes/service-mesh-comparison',
    published: '2021-03',
  },
  {
    key: 'solo-2022',
    title: 'What Is a service mesh?',
    publisher: 'Solo.io',
    url: 'https://www.solo.io/topics/service-mesh',
    published: '2022',
  },
  {
    key: 'day79-2023',
    title: '90DaysOfDevOps 2023, Day 79: Comparing Different Service Meshes',
    publisher: '90DaysOfDevOps',
    url: 'https://github.com/MichaelCade/90DaysOfDevOps/blob/main/2023/day79.md',
    published: '2023-03',
  },
];
