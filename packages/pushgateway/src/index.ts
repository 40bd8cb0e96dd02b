export { groupingPath } from './grouping-path';
export { deleteFromGateway, type GroupOptions, type PushOptions, pushToGateway } from './push';
export { PushgatewayError } from './pushgateway-error';
