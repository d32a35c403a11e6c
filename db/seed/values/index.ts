import type { SeedArticleValues } from '../types';
import { servicemeshEs2019 } from './servicemesh-es-2019';
import { newstack2020 } from './newstack-2020';
import { toptal2021 } from './toptal-2021';
import { solo2022 } from './solo-2022';
import { day792023 } from './day79-2023';

export const articleValues: SeedArticleValues[] = [servicemeshEs2019, newstack2020, toptal2021, solo2022, day792023];
