export { type CommandInfo, describeCommand } from './command';
export { findNoSqlInjections, type NoSqlInjection, type RequestValues } from './injection';
