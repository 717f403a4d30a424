import { join, resolve } from 'node:path';
import type { Env } from '../../config/env.js';
import { DiskBlobStore, type BlobStore } from './blob-store.js';
import { S3BlobStore } from './s3-store.js';

type StoreEnv = Pick<
  Env,
  | 'LOKALKRAFT_DATA_DIR'
  | 'FILES_S3_BUCKET'
  | 'FILES_S3_ENDPOINT'
  | 'FILES_S3_REGION'
  | 'FILES_S3_ACCESS_KEY_ID'
  | 'FILES_S3_SECRET_ACCESS_KEY'
  | 'FILES_S3_FORCE_PATH_STYLE'
  | 'FILES_S3_PREFIX'
>;

const stores = new Map<string, BlobStore>();

/**
 * The blob store the configuration names: the S3 bucket when FILES_S3_BUCKET is set, else
 * LOKALKRAFT_DATA_DIR/files. One store per configuration (the S3 client keeps its connections).
 */
export function fileStoreFor(env: StoreEnv): BlobStore {
  const key = env.FILES_S3_BUCKET
    ? `s3:${env.FILES_S3_ENDPOINT ?? ''}:${env.FILES_S3_BUCKET}:${env.FILES_S3_PREFIX}:${env.FILES_S3_ACCESS_KEY_ID ?? ''}`
    : `disk:${resolve(env.LOKALKRAFT_DATA_DIR)}`;
  let store = stores.get(key);
  if (!store) {
    store = env.FILES_S3_BUCKET
      ? new S3BlobStore({
          bucket: env.FILES_S3_BUCKET,
          endpoint: env.FILES_S3_ENDPOINT,
          region: env.FILES_S3_REGION,
          accessKeyId: env.FILES_S3_ACCESS_KEY_ID,
          secretAccessKey: env.FILES_S3_SECRET_ACCESS_KEY,
          forcePathStyle: env.FILES_S3_FORCE_PATH_STYLE,
          prefix: env.FILES_S3_PREFIX,
        })
      : new DiskBlobStore(join(resolve(env.LOKALKRAFT_DATA_DIR), 'files'));
    stores.set(key, store);
  }
  return store;
}
