import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { isBlobKey, type BlobStore, type ByteRange, type StoredBlob } from './blob-store.js';

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
export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly config: S3StoreConfig) {
    const options: S3ClientConfig = { region: config.region, forcePathStyle: config.forcePathStyle };
    if (config.endpoint) options.endpoint = config.endpoint;
    if (config.accessKeyId && config.secretAccessKey) options.credentials = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey };
    this.client = new S3Client(options);
  }

  private keyOf(key: string): string {
    if (!isBlobKey(key)) throw new Error(`not a blob key: ${key}`);
    return this.config.prefix + key;
  }

  async put(key: string, body: Readable, contentType: string): Promise<void> {
    const upload = new Upload({
      client: this.client,
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
    const out = await this.client.send(
      new GetObjectCommand({ Bucket: this.config.bucket, Key: this.keyOf(key), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
    );
    if (!out.Body) throw new Error(`empty body for ${key}`);
    return out.Body instanceof Readable ? out.Body : Readable.fromWeb(out.Body.transformToWebStream() as import('node:stream/web').ReadableStream);
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.keyOf(key) }));
  }

  async *list(): AsyncIterable<StoredBlob> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: this.config.prefix, ContinuationToken: token }));
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

  destroy(): void {
    this.client.destroy();
  }
}
