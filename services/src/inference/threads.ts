// How ONNX Runtime sessions use threads, in one place: the inference server's sessions take their options from
// here, and so does the benchmark's raw loop, which must run ONNX Runtime exactly as the server does.
import type { InferenceSession } from 'onnxruntime-node';

export interface SessionThreads {
  /** Intra-op threads; 0: ONNX Runtime's choice. */
  threads: number;
  /** Microseconds idle intra-op threads spin-wait before sleeping (`session.intra_op.spin_duration_us`); 0: no spinning. */
  spinUs: number;
}

export function threadOptions({ threads, spinUs }: SessionThreads): InferenceSession.SessionOptions {
  return {
    ...(threads > 0 ? { intraOpNumThreads: threads } : {}),
    extra: {
      session: { intra_op: spinUs > 0 ? { allow_spinning: '1', spin_duration_us: String(spinUs) } : { allow_spinning: '0' } },
    },
  };
}
