package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small GraphQL reader for the shapes the sandbox answers: one operation ({@code query} or
 * {@code mutation}, named or not, with variable definitions), fields with aliases, arguments
 * (strings, numbers, booleans, enums, lists, objects and {@code $variables}) and selection sets.
 * Fragments, directives and several operations in one document are refused, never skipped.
 */
final class GraphqlDocument {

    /** One field of a selection set; {@code arguments} already have the variables substituted. */
    record Field(String alias, String name, Map<String, JsonNode> arguments, List<Field> selections) {

        String key() {
            return alias == null ? name : alias;
        }

        JsonNode argument(String argument) {
            return arguments.getOrDefault(argument, NullNode.getInstance());
        }
    }

    /** A document that is not valid in the subset the sandbox reads. */
    static final class SyntaxException extends RuntimeException {
        SyntaxException(String message) {
            super(message);
        }
    }

    private final String text;
    private final JsonNode variables;
    private int at;

    private GraphqlDocument(String text, JsonNode variables) {
        this.text = text;
        this.variables = variables == null ? ShopifyJson.object() : variables;
    }

    /** The operation's kind ({@code query} or {@code mutation}) and its root fields. */
    record Operation(String kind, List<Field> fields) {
    }

    static Operation parse(String text, JsonNode variables) {
        GraphqlDocument document = new GraphqlDocument(text == null ? "" : text, variables);
        return document.operation();
    }

    private Operation operation() {
        skipIgnored();
        String kind = "query";
        if (peek() != '{') {
            kind = name();
            if (!"query".equals(kind) && !"mutation".equals(kind)) {
                throw new SyntaxException("Expected query or mutation, found '" + kind + "'"
                        + ("fragment".equals(kind) ? ": the sandbox does not support fragments" : ""));
            }
            skipIgnored();
            if (Character.isLetter(peek()) || peek() == '_') {
                name();
                skipIgnored();
            }
            if (peek() == '(') {
                skipBalanced('(', ')');
            }
            skipIgnored();
        }
        List<Field> fields = selectionSet();
        skipIgnored();
        if (at < text.length()) {
            throw new SyntaxException("Unexpected '" + text.charAt(at) + "' after the operation at " + at
                    + ": the sandbox reads one operation per document");
        }
        return new Operation(kind, fields);
    }

    private List<Field> selectionSet() {
        expect('{');
        List<Field> fields = new ArrayList<>();
        skipIgnored();
        while (peek() != '}') {
            if (text.startsWith("...", at)) {
                throw new SyntaxException("Fragments are not supported by the sandbox");
            }
            fields.add(field());
            skipIgnored();
        }
        expect('}');
        if (fields.isEmpty()) {
            throw new SyntaxException("A selection set must select at least one field");
        }
        return fields;
    }

    private Field field() {
        String first = name();
        skipIgnored();
        String alias = null;
        String name = first;
        if (peek() == ':') {
            at++;
            skipIgnored();
            alias = first;
            name = name();
            skipIgnored();
        }
        Map<String, JsonNode> arguments = new LinkedHashMap<>();
        if (peek() == '(') {
            at++;
            skipIgnored();
            while (peek() != ')') {
                String argument = name();
                skipIgnored();
                expect(':');
                arguments.put(argument, value());
                skipIgnored();
            }
            at++;
            skipIgnored();
        }
        if (peek() == '@') {
            throw new SyntaxException("Directives are not supported by the sandbox");
        }
        List<Field> selections = peek() == '{' ? selectionSet() : List.of();
        return new Field(alias, name, arguments, selections);
    }

    private JsonNode value() {
        skipIgnored();
        char c = peek();
        if (c == '$') {
            at++;
            String variable = name();
            JsonNode value = variables.get(variable);
            return value == null ? NullNode.getInstance() : value;
        }
        if (c == '"') {
            return ShopifyJson.MAPPER.getNodeFactory().textNode(string());
        }
        if (c == '[') {
            at++;
            ArrayNode list = ShopifyJson.array();
            skipIgnored();
            while (peek() != ']') {
                list.add(value());
                skipIgnored();
            }
            at++;
            return list;
        }
        if (c == '{') {
            at++;
            ObjectNode object = ShopifyJson.object();
            skipIgnored();
            while (peek() != '}') {
                String key = name();
                skipIgnored();
                expect(':');
                object.set(key, value());
                skipIgnored();
            }
            at++;
            return object;
        }
        if (c == '-' || Character.isDigit(c)) {
            int start = at++;
            while (at < text.length()
                    && (Character.isDigit(text.charAt(at)) || ".eE+-".indexOf(text.charAt(at)) >= 0)) {
                at++;
            }
            try {
                return ShopifyJson.MAPPER.readTree(text.substring(start, at));
            } catch (IOException e) {
                throw new SyntaxException("Not a number: " + text.substring(start, at));
            }
        }
        String word = name();
        return switch (word) {
            case "true" -> ShopifyJson.MAPPER.getNodeFactory().booleanNode(true);
            case "false" -> ShopifyJson.MAPPER.getNodeFactory().booleanNode(false);
            case "null" -> NullNode.getInstance();
            default -> ShopifyJson.MAPPER.getNodeFactory().textNode(word);
        };
    }

    private String string() {
        expect('"');
        StringBuilder value = new StringBuilder();
        while (at < text.length() && text.charAt(at) != '"') {
            char c = text.charAt(at++);
            if (c == '\\' && at < text.length()) {
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        value.append((char) Integer.parseInt(text.substring(at, Math.min(at + 4, text.length())), 16));
                        at += 4;
                    }
                    default -> value.append(escaped);
                }
            } else {
                value.append(c);
            }
        }
        expect('"');
        return value.toString();
    }

    private String name() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        if (start == at) {
            throw new SyntaxException(at < text.length() ? "Unexpected '" + text.charAt(at) + "' at " + at
                    : "Unexpected end of document");
        }
        return text.substring(start, at);
    }

    private void expect(char c) {
        skipIgnored();
        if (peek() != c) {
            throw new SyntaxException("Expected '" + c + "' at " + at
                    + (at < text.length() ? ", found '" + text.charAt(at) + "'" : ", found the end"));
        }
        at++;
    }

    private char peek() {
        if (at >= text.length()) {
            throw new SyntaxException("Unexpected end of document");
        }
        return text.charAt(at);
    }

    /** White space, commas and {@code #} comments are insignificant in GraphQL. */
    private void skipIgnored() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '#') {
                while (at < text.length() && text.charAt(at) != '\n') {
                    at++;
                }
            } else if (Character.isWhitespace(c) || c == ',' || c == '\uFEFF') {
                at++;
            } else {
                return;
            }
        }
    }

    private void skipBalanced(char open, char close) {
        int depth = 0;
        do {
            char c = peek();
            if (c == '"') {
                string();
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close) {
                depth--;
            }
            at++;
        } while (depth > 0);
    }
}
