// Runs one autocannon load in its own process, so the load generator does not share an event loop with what it measures.
// Usage: node bench/load-worker.js '{"url":"…","connections":10,"duration":10,"cookie":"portal.sid=…"}'
const autocannon = require('autocannon');

const { url, connections, duration, cookie } = JSON.parse(process.argv[2]);
autocannon({ url, connections, duration, headers: { cookie } }, (error, result) => {
  if (error) {
    console.error(error.message);
    process.exit(1);
  }
  process.stdout.write(
    JSON.stringify({
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      requests: result.requests.total,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
    }),
  );
});
