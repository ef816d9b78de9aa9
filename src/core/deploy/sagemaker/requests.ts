import type { SageMakerManifest } from './manifest-schema.ts';

/**
 * One SageMaker API request that deploy.sh sends with `aws sagemaker <command> --cli-input-json`.
 * Values written `${NAME}` are bash variables deploy.sh fills in at run time; every field name is
 * the SageMaker API's own (botocore data/sagemaker/2017-07-24/service-2.json), which the tests check.
 */
export interface ApiRequest {
  /** The API operation, e.g. CreateEndpointConfig. */
  operation: string;
  /** The AWS CLI sub-command, e.g. create-endpoint-config. */
  command: string;
  body: Record<string, unknown>;
}

/**
 * The six requests of a deployment, in order: both models, both endpoint configs, both endpoints
 * and the batch transform job (keys name the bash function deploy.sh wraps each in).
 *
 * deployRequests(manifest).kilnServerlessConfig.body.ProductionVariants[0].ServerlessConfig
 * // → { MemorySizeInMB: 2048, MaxConcurrency: 5 }
 */
export function deployRequests(manifest: SageMakerManifest): Record<string, ApiRequest> {
  const variant = 'AllTraffic';
  const { batchTransform: bt } = manifest;
  return {
    tritonModel: req('CreateModel', {
      ModelName: '${TRITON_MODEL}',
      ExecutionRoleArn: '${ROLE_ARN}',
      // https://docs.aws.amazon.com/sagemaker/latest/dg/deploy-models-frameworks-triton.html
      PrimaryContainer: { Image: '${TRITON_IMAGE}', ModelDataUrl: '${MODEL_DATA_URL}', Environment: manifest.triton.environment },
    }),
    kilnModel: req('CreateModel', {
      ModelName: '${KILN_MODEL}',
      ExecutionRoleArn: '${ROLE_ARN}',
      // Hosting contract: SageMaker unpacks ModelDataUrl into /opt/ml/model and runs the image with `serve`
      // (https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-inference-code.html).
      PrimaryContainer: { Image: '${KILN_IMAGE}', ModelDataUrl: '${MODEL_DATA_URL}', Environment: manifest.kilnContainer.environment },
    }),
    tritonEndpointConfig: req('CreateEndpointConfig', {
      EndpointConfigName: '${TRITON_ENDPOINT}',
      ProductionVariants: [{ VariantName: variant, ModelName: '${TRITON_MODEL}', InstanceType: '${INSTANCE_TYPE}', InitialInstanceCount: 1 }],
    }),
    // Serverless endpoints take images up to 10 GB and no GPUs, which suits Kiln's small CPU container
    // (https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html).
    kilnServerlessConfig: req('CreateEndpointConfig', {
      EndpointConfigName: '${KILN_ENDPOINT}',
      ProductionVariants: [{ VariantName: variant, ModelName: '${KILN_MODEL}', ServerlessConfig: manifest.kilnContainer.ServerlessConfig }],
    }),
    tritonEndpoint: req('CreateEndpoint', { EndpointName: '${TRITON_ENDPOINT}', EndpointConfigName: '${TRITON_ENDPOINT}' }),
    kilnEndpoint: req('CreateEndpoint', { EndpointName: '${KILN_ENDPOINT}', EndpointConfigName: '${KILN_ENDPOINT}' }),
    // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateTransformJob.html
    transformJob: req('CreateTransformJob', {
      TransformJobName: '${TRANSFORM_JOB}',
      ModelName: '${KILN_MODEL}',
      BatchStrategy: bt.BatchStrategy,
      MaxPayloadInMB: bt.MaxPayloadInMB,
      TransformInput: {
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: '${BATCH_INPUT}' } },
        ContentType: bt.ContentType,
        SplitType: bt.SplitType,
      },
      TransformOutput: { S3OutputPath: '${BATCH_OUTPUT}', Accept: bt.Accept, AssembleWith: bt.AssembleWith },
      TransformResources: { InstanceType: bt.InstanceType, InstanceCount: bt.InstanceCount },
    }),
  };
}

function req(operation: string, body: Record<string, unknown>): ApiRequest {
  return { operation, command: operation.replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase()), body };
}
