import type { EventType } from "./events.ts";

/** Kafka / event-log topic names; the only place they are spelled out. */
export const TOPICS = {
  ratings: "starling.ratings",
  clicks: "starling.clicks",
  impressions: "starling.impressions",
  deadLetters: "starling.dlq",
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

const byType: Record<EventType, TopicName> = {
  rating: TOPICS.ratings,
  click: TOPICS.clicks,
  impression: TOPICS.impressions,
};

/** The topic an event of this type is produced to. */
export function topicForEvent(type: EventType): TopicName {
  return byType[type];
}

/** A topic name with a suffix, so tests and parallel deployments never share a topic. */
export function namespacedTopic(topic: TopicName, namespace?: string): string {
  return namespace ? `${topic}.${namespace}` : topic;
}

/** Consumer group names. */
export const CONSUMER_GROUPS = { nearline: "starling.nearline" } as const;
