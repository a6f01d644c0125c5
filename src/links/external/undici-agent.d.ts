/** undici's Agent module on its own (see checker.ts): the same class the package exports. */
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export default Agent;
}
