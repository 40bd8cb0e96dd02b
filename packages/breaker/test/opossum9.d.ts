// opossum 9 under its npm alias: the same API as opossum 10, typed by @types/opossum.
declare module 'opossum9' {
  import CircuitBreaker from 'opossum';
  export default CircuitBreaker;
}
