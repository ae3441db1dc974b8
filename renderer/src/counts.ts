export { count, number } from '../../electron/contract/counts.ts';
