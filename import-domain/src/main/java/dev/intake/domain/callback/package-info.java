/**
 * Completion callbacks: when an import that asked for one ends, Intake posts the finished job to the client's URL,
 * signed with the secret of the token that started it, and tries again with growing pauses for a day. Deliveries
 * and their attempts are stored, so that they survive a restart and are visible through the API; the hosts
 * callbacks may reach are an administrator's setting.
 */
package dev.intake.domain.callback;
