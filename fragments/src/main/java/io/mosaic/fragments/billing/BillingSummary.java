package io.mosaic.fragments.billing;

import java.time.LocalDate;

/**
 * What {@code GET /api/summary} answers, e.g. {@code {"plan":"Business+","seats":{"used":148,
 * "total":160},"nextInvoice":{"date":"2026-12-01","amount":"1,776.00","currency":"EUR"},
 * "paymentMethod":"Visa ending 4242"}}.
 *
 * @param paymentMethod never the card number: only what the card's owner would recognise
 */
record BillingSummary(String plan, Seats seats, Invoice nextInvoice, String paymentMethod) {

    /** Seats paid for and seats taken. */
    record Seats(int used, int total) {
    }

    /**
     * @param date the invoice date, ISO-8601 in JSON
     * @param amount already formatted for display, with grouping and two decimals
     * @param currency an ISO 4217 code
     */
    record Invoice(LocalDate date, String amount, String currency) {
    }

}
