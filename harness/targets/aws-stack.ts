import { CloudFormationClient, paginateListStackResources } from '@aws-sdk/client-cloudformation';
import { GetFunctionUrlConfigCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { HarnessError } from '../core/errors.ts';
import { signingCredentials } from '../protocol/sigv4.ts';
import type { EndpointMap } from './endpoint-map.ts';

/**
 * Where Lambda's API is: the SDK's own endpoint overrides first (AWS_ENDPOINT_URL_LAMBDA,
 * AWS_ENDPOINT_URL), so a stub or a proxy stands in for AWS the same way for the SDK and for us.
 */
export function lambdaEndpoint(region: string): string {
  const override = process.env.AWS_ENDPOINT_URL_LAMBDA ?? process.env.AWS_ENDPOINT_URL;
  return (override ?? `https://lambda.${region}.amazonaws.com`).replace(/\/+$/, '');
}

function awsFailure(what: string, error: unknown): HarnessError {
  const failure = error as Error & { $metadata?: { httpStatusCode?: number } };
  const status = failure.$metadata?.httpStatusCode;
  return new HarnessError(`${what}: ${failure.name ?? 'Error'}: ${failure.message}${status ? ` (HTTP ${status})` : ''}`);
}

/**
 * The endpoint map of a deployed stack of fixtures/template.yaml: every function the stack holds,
 * under its logical ID (the fixture's name), with its Function URL, InvokeMode and AuthType as Lambda
 * reports them, and its Invoke and InvokeWithResponseStream endpoints under its physical name. The
 * invoke layer always wants SigV4 on AWS (`invokeAuth: aws_iam`).
 */
export async function endpointMapOfStack(stack: string, region: string): Promise<EndpointMap> {
  const options = { region, credentials: signingCredentials, maxAttempts: 3 };
  const cloudFormation = new CloudFormationClient(options);
  const lambda = new LambdaClient(options);
  try {
    const functions: Array<{ logicalId: string; name: string }> = [];
    try {
      for await (const page of paginateListStackResources({ client: cloudFormation }, { StackName: stack }))
        for (const resource of page.StackResourceSummaries ?? [])
          if (resource.ResourceType === 'AWS::Lambda::Function' && resource.LogicalResourceId && resource.PhysicalResourceId)
            functions.push({ logicalId: resource.LogicalResourceId, name: resource.PhysicalResourceId });
    } catch (error) {
      throw awsFailure(`CloudFormation could not list the resources of stack ${JSON.stringify(stack)} in ${region}`, error);
    }
    if (functions.length === 0) throw new HarnessError(`stack ${JSON.stringify(stack)} in ${region} holds no Lambda function`);
    const base = lambdaEndpoint(region);
    const map: EndpointMap = { target: 'aws', version: `${region} stack ${stack}`, invokeAuth: 'aws_iam', region, functions: {} };
    for (const { logicalId, name } of functions.sort((a, b) => a.logicalId.localeCompare(b.logicalId))) {
      const path = encodeURIComponent(name);
      let url: EndpointMap['functions'][string] = {
        invokeUrl: `${base}/2015-03-31/functions/${path}/invocations`,
        streamInvokeUrl: `${base}/2021-11-15/functions/${path}/response-streaming-invocations`,
      };
      try {
        const config = await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: name }));
        url = {
          ...(config.FunctionUrl ? { url: config.FunctionUrl } : {}),
          ...(config.InvokeMode ? { invokeMode: config.InvokeMode } : {}),
          auth: config.AuthType === 'AWS_IAM' ? 'aws_iam' : 'none',
          ...url,
        };
      } catch (error) {
        // A function without a Function URL is still reachable through the invoke layer.
        if ((error as Error).name !== 'ResourceNotFoundException') throw awsFailure(`Lambda GetFunctionUrlConfig of ${name}`, error);
      }
      map.functions[logicalId] = url;
    }
    return map;
  } finally {
    cloudFormation.destroy();
    lambda.destroy();
  }
}
