import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { parseAllDocuments } from 'yaml';

/** Validators from the Kubernetes OpenAPI schemas that kubernetes-models bundles. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Secret': Secret,
};

const manifests = readdirSync(__dirname)
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(join(__dirname, file), 'utf8')).map((document) => ({
      file,
      object: document.toJS() as { apiVersion: string; kind: string } & Record<string, unknown>,
    })),
  );

describe('Kubernetes manifests', () => {
  it('include every needed kind', () => {
    expect(manifests.map(({ object }) => object.kind).sort()).toEqual([
      'Deployment',
      'PersistentVolumeClaim',
      'Secret',
      'Service',
    ]);
  });

  it.each(manifests.map(({ file, object }) => [file, object]))('%s matches its schema', (_file, object) => {
    const Model = MODELS[`${object.apiVersion}/${object.kind}`];

    expect(Model).toBeDefined();
    expect(() => new Model(object as never).validate()).not.toThrow();
  });

  it('probe the health routes', () => {
    const deployment = manifests.find(({ object }) => object.kind === 'Deployment')!.object as unknown as Deployment;
    const [container] = deployment.spec!.template.spec!.containers;

    expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
    expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
    expect(container.resources?.requests).toEqual({ cpu: '100m', memory: '128Mi' });
    expect(deployment.spec!.replicas).toBe(1);
  });
});
