package org.patientoutreach.emails.analytics;

/**
 * One destination of an email's links: in how many sent emails it was followed ({@code uniqueClicks}, and its share
 * of all sent as {@code clickRate}), and how often in all ({@code clicks}: a patient coming back; a mail scanner's
 * visit on delivery is not counted). The address is as the emails carried it.
 */
public record LinkClicks(String url, long uniqueClicks, long clicks, double clickRate) {
}
