#!/bin/sh
# One-shot (temporalio/admin-tools): the namespace sdp-review's cycles run in, with how long
# Temporal keeps a closed workflow's history (its retention), and the search attributes the
# product's workflows set and its dashboard, `list` and Schedule query (domain/messages.ts).
# Usage: namespace.sh <retention, e.g. 720h>. TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE name the
# server and the namespace. Safe to run again.
set -eu
: "${TEMPORAL_ADDRESS:?}" "${TEMPORAL_NAMESPACE:?}"
retention=${1:?usage: namespace.sh <retention, e.g. 720h>}

until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do
  echo "waiting for Temporal at $TEMPORAL_ADDRESS"; sleep 3
done

if temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  temporal operator namespace update --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" --retention "$retention"
else
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" --retention "$retention"
fi

existing=$(temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE")
register() {
  if echo "$existing" | grep -qw "$1"; then echo "search attribute $1 exists"; return; fi
  temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" --name "$1" --type "$2"
}
register ReviewYear Int
register ReviewStage Keyword
echo "namespace $TEMPORAL_NAMESPACE ready (retention $retention)"
