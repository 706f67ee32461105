export { compareItemIds, compareRatings } from "../../core/rating-order.ts";
