// The part of autocannon's API the bench uses (it ships no types).
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string;
      path?: string;
      body?: string;
      headers?: Record<string, string>;
    }
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      amount?: number;
      timeout?: number;
      headers?: Record<string, string>;
      skipAggregateResult?: boolean;
      requests?: { setupRequest?: (req: Request, context: Record<string, unknown>) => Request }[];
    }
    type Result = Record<string, unknown>;
    interface Instance {
      on(event: 'error', listener: (error: Error) => void): void;
    }
  }
  function autocannon(options: autocannon.Options, done: (error: Error | null, result: autocannon.Result) => void): autocannon.Instance;
  export default autocannon;
}
