package dev.loadbearing.service.fuzz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a valid JSON body into what a broken or hostile client sends: a field of the wrong type, null, missing
 * or unknown, a huge number, odd unicode, nesting thousands deep, or the bytes cut short or replaced.
 */
final class HostileJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /**
   * What cloning an element may add: past every route's limit (8 MiB is the largest), yet not so much that one
   * case costs seconds (copies of an element nested thousands deep once made a 29 MB body).
   */
  private static final long MAX_GROWTH_BYTES = 9L * 1024 * 1024;
  /** Jackson refuses to write nesting deeper than 1,000 by default; the point here is to send deeper. */
  private static final ObjectMapper WRITER = new ObjectMapper(JsonFactory.builder()
      .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build()).build());

  private HostileJson() {
  }

  /** The body as sent: valid, mutated, cut short or not JSON at all. */
  static byte[] body(Gen gen, ObjectNode valid) {
    return switch (gen.between(0, 19)) {
      case 0, 1, 2, 3, 4, 5 -> bytes(valid);
      case 6 -> bytes(value(gen));
      case 7 -> truncated(gen, bytes(mutated(gen, valid)));
      case 8 -> gen.bytes(300);
      case 9 -> new byte[0];
      case 10 -> concat(bytes(valid), gen.pick("x", "}", ",", " {}", "\u0000").getBytes(StandardCharsets.UTF_8));
      default -> bytes(mutated(gen, valid));
    };
  }

  /** One to three changes anywhere in the tree: a value replaced, a field dropped or added, an element cloned. */
  static ObjectNode mutated(Gen gen, ObjectNode valid) {
    ObjectNode body = valid.deepCopy();
    int changes = gen.between(1, 3);
    for (int i = 0; i < changes; i++) {
      List<ContainerNode<?>> containers = new ArrayList<>();
      collect(body, containers, 0);
      ContainerNode<?> target = gen.pick(containers);
      if (target instanceof ObjectNode object) {
        change(gen, object);
      } else {
        change(gen, (ArrayNode) target);
      }
    }
    return body;
  }

  /** A JSON value of any type, often one no field of the API expects. */
  static JsonNode value(Gen gen) {
    return switch (gen.between(0, 13)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(gen.chance(0.5));
      case 2 -> NODES.numberNode(gen.between(-3, 3));
      case 3 -> NODES.numberNode(gen.pick(Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE + 1, -1L));
      case 4 -> NODES.numberNode(BigInteger.TEN.pow(gen.between(19, 400)).add(BigInteger.valueOf(gen.anyLong())));
      case 5 -> NODES.numberNode(new BigDecimal(gen.pick("1.5", "-0.0", "1e308", "1e-400", "2.5e9", "1E+400")));
      case 6 -> NODES.textNode(gen.unicode(40));
      case 7 -> NODES.textNode(gen.pick("", " ", "12", "-1", "true", "null", "EUR", "UTC", "enterprise"));
      case 8 -> NODES.textNode("x".repeat(gen.between(100, 70_000)));
      case 9 -> NODES.arrayNode().add(gen.between(0, 9)).add(NODES.textNode(gen.alphanumeric(5)));
      case 10 -> NODES.objectNode().put(gen.alphanumeric(8), gen.unicode(8));
      case 11 -> deep(gen.between(2, 5_000), gen.chance(0.5));
      default -> NODES.textNode(gen.alphanumeric(30));
    };
  }

  static byte[] bytes(JsonNode node) {
    try {
      return WRITER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] truncated(Gen gen, byte[] bytes) {
    return Arrays.copyOf(bytes, bytes.length == 0 ? 0 : gen.between(0, bytes.length - 1));
  }

  private static void change(Gen gen, ObjectNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    if (names.isEmpty() || gen.chance(0.15)) {
      object.set(gen.chance(0.5) ? gen.alphanumeric(10) : gen.unicode(10), value(gen));
    } else if (gen.chance(0.25)) {
      object.remove(gen.pick(names));
    } else {
      object.set(gen.pick(names), value(gen));
    }
  }

  private static void change(Gen gen, ArrayNode array) {
    if (array.isEmpty() || gen.chance(0.2)) {
      array.add(value(gen));
    } else if (gen.chance(0.25)) {
      array.remove(gen.between(0, array.size() - 1));
    } else if (gen.chance(0.3)) {
      // Many copies of one element: over an item limit, or duplicates the handler must refuse.
      JsonNode element = array.get(gen.between(0, array.size() - 1));
      int copies = gen.pick(1, 49, 50, 51, 5_001);
      if ((long) bytes(element).length * copies > MAX_GROWTH_BYTES) {
        copies = 1;
      }
      for (int i = 0; i < copies; i++) {
        array.add(element.deepCopy());
      }
    } else {
      array.set(gen.between(0, array.size() - 1), value(gen));
    }
  }

  /** The objects and arrays of the body's own shape; not into a value nested thousands deep by an earlier change. */
  private static void collect(JsonNode node, List<ContainerNode<?>> containers, int depth) {
    if (node instanceof ContainerNode<?> container && depth < 4) {
      containers.add(container);
      node.elements().forEachRemaining(child -> collect(child, containers, depth + 1));
    }
  }

  private static JsonNode deep(int depth, boolean arrays) {
    JsonNode node = NODES.numberNode(1);
    for (int i = 0; i < depth; i++) {
      node = arrays ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
    }
    return node;
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
