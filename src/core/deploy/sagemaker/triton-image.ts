import { KilnError } from '../../errors.ts';

/**
 * The pinned Triton release for SageMaker. Tags and registries per region come from the SageMaker
 * Python SDK's image table (src/sagemaker/image_uri_config/sagemaker-tritonserver.json, version
 * "24.09", tag_prefix "24.09-py3"), which is what `sagemaker.image_uris.retrieve` reads; AWS lists
 * the same images at https://github.com/aws/deep-learning-containers/blob/master/available_images.md
 * (NVIDIA Triton Inference Containers, SM support only).
 */
export const TRITON_TAG = '24.09-py3';

/** ECR account that hosts sagemaker-tritonserver:24.09-py3 in each region (same source as above). */
export const TRITON_ACCOUNTS: Readonly<Record<string, string>> = {
  'af-south-1': '626614931356',
  'ap-east-1': '871362719292',
  'ap-northeast-1': '763104351884',
  'ap-northeast-2': '763104351884',
  'ap-northeast-3': '364406365360',
  'ap-south-1': '763104351884',
  'ap-southeast-1': '763104351884',
  'ap-southeast-2': '763104351884',
  'ap-southeast-3': '907027046896',
  'ca-central-1': '763104351884',
  'ca-west-1': '204538143572',
  'cn-north-1': '727897471807',
  'cn-northwest-1': '727897471807',
  'eu-central-1': '763104351884',
  'eu-north-1': '763104351884',
  'eu-south-1': '692866216735',
  'eu-west-1': '763104351884',
  'eu-west-2': '763104351884',
  'eu-west-3': '763104351884',
  'il-central-1': '780543022126',
  'me-south-1': '217643126080',
  'sa-east-1': '763104351884',
  'us-east-1': '763104351884',
  'us-east-2': '763104351884',
  'us-west-1': '763104351884',
  'us-west-2': '763104351884',
};

/** The ECR host suffix: China regions live under amazonaws.com.cn. */
export function ecrDomain(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/**
 * The SageMaker Triton image for `region`.
 *
 * tritonImageUri('eu-west-1')
 * // → '763104351884.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-tritonserver:24.09-py3'
 */
export function tritonImageUri(region: string): string {
  const account = TRITON_ACCOUNTS[region];
  if (!account) {
    const known = Object.keys(TRITON_ACCOUNTS).join(', ');
    throw new KilnError(`no SageMaker Triton image is published for region '${region}'; choose one of: ${known}`, { path: 'region' });
  }
  return `${account}.dkr.ecr.${region}.${ecrDomain(region)}/sagemaker-tritonserver:${TRITON_TAG}`;
}

/** Regions with a published Triton image, sorted, for a region picker. */
export const tritonRegions: readonly string[] = Object.keys(TRITON_ACCOUNTS).sort();
