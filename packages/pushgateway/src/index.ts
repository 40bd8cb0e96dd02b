export { groupingPath } from './grouping-path';
export { deleteFromGateway, type GroupOptions, type PushOptions, PushgatewayError, pushToGateway } from './push';
