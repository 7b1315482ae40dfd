export {
  ROUTING_TARGET_KINDS,
  DELIVERY_MODES,
  type RoutingRule,
  type RoutingMatch,
  type RoutingTarget,
  type RoutingTargetKind,
  type DeliveryMode,
  type RoutingFacts,
  type DirectoryContact,
  type RoutingDirectory,
  type Delivery,
} from './routing-rule';
export { matchingRules, ruleMatches, normaliseServiceArea } from './match-rules';
export { resolveRecipients, contactIsInterested } from './resolve-recipients';
export { DEFAULT_ROUTING_RULES } from './default-rules';
export { validateRoutingRule, type RuleValidation } from './validate-rule';
