import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { isBlobKey, MissingBlobError, type BlobStore, type ByteRange, type StoredBlob } from './blob-store.js';

export interface S3StoreConfig {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Path-style addressing (http://host/bucket/key), which MinIO and most self-hosted servers need. */
  forcePathStyle: boolean;
  /** Key prefix inside the bucket, e.g. "lokalkraft/files/". */
  prefix: string;
}

/**
 * An S3-compatible bucket. Uploads are multipart (lib-storage: 8 MiB parts, 2 at a time), so a
 * 2 GB video needs ~16 MiB of memory; downloads stream the object body (with a Range header for
 * range requests). A failed upload is aborted, so no partial object appears under the key.
 */
// The SDK costs ~0.5 s and ~23 MB to load: only installations that use a bucket pay for it.
const sdk = async () => ({ ...(await import('@aws-sdk/client-s3')), ...(await import('@aws-sdk/lib-storage')) });

export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  private loaded: Promise<{ client: S3Client; lib: Awaited<ReturnType<typeof sdk>> }> | undefined;

  constructor(private readonly config: S3StoreConfig) {}

  private connect() {
    this.loaded ??= sdk().then((lib) => {
      const options: S3ClientConfig = { region: this.config.region, forcePathStyle: this.config.forcePathStyle };
      if (this.config.endpoint) options.endpoint = this.config.endpoint;
      if (this.config.accessKeyId && this.config.secretAccessKey)
        options.credentials = { accessKeyId: this.config.accessKeyId, secretAccessKey: this.config.secretAccessKey };
      return { client: new lib.S3Client(options), lib };
    });
    return this.loaded;
  }

  private keyOf(key: string): string {
    if (!isBlobKey(key)) throw new Error(`not a blob key: ${key}`);
    return this.config.prefix + key;
  }

  async put(key: string, body: Readable, contentType: string): Promise<void> {
    const { client, lib } = await this.connect();
    const upload = new lib.Upload({
      client,
      params: { Bucket: this.config.bucket, Key: this.keyOf(key), Body: body, ContentType: contentType },
      partSize: 8 * 1024 * 1024,
      queueSize: 2,
      leavePartsOnError: false,
    });
    // lib-storage stops reading on its own errors but not on the body's: abort then.
    const onError = () => void upload.abort().catch(() => undefined);
    body.once('error', onError);
    try {
      await upload.done();
    } finally {
      body.off('error', onError);
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const { client, lib } = await this.connect();
    const out = await client
      .send(new lib.GetObjectCommand({ Bucket: this.config.bucket, Key: this.keyOf(key), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }))
      .catch((err: { name?: string; $metadata?: { httpStatusCode?: number } }) => {
        throw err?.name === 'NoSuchKey' || err?.$metadata?.httpStatusCode === 404 ? new MissingBlobError(key, { cause: err }) : err;
      });
    if (!out.Body) throw new Error(`empty body for ${key}`);
    return out.Body instanceof Readable ? out.Body : Readable.fromWeb(out.Body.transformToWebStream() as import('node:stream/web').ReadableStream);
  }

  async remove(key: string): Promise<void> {
    const { client, lib } = await this.connect();
    await client.send(new lib.DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.keyOf(key) }));
  }

  async *list(): AsyncIterable<StoredBlob> {
    const { client, lib } = await this.connect();
    let token: string | undefined;
    do {
      const page = await client.send(new lib.ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: this.config.prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        const key = (o.Key ?? '').slice(this.config.prefix.length);
        if (isBlobKey(key)) yield { key, modifiedAt: o.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Multipart uploads cut off by a crash are the bucket's to expire (an AbortIncompleteMultipartUpload lifecycle rule). */
  async removeStaleUploads(): Promise<number> {
    return 0;
  }

  async destroy(): Promise<void> {
    if (this.loaded) (await this.loaded).client.destroy();
  }
}
