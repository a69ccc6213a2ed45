# What bench/load.sh and bench/queries.sh share (sourced, not run).

# Points DATABASE_URL at a fresh PostgreSQL database PG_DATABASE (created through PG_ADMIN_URL) for
# BACKEND=postgres; SQLite otherwise (the file in DNAKER_DATA_DIR).
fresh_database() {
  local backend=$1
  if [ "$backend" = postgres ]; then
    psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $PG_DATABASE" -c "CREATE DATABASE $PG_DATABASE"
    export DATABASE_URL="${PG_ADMIN_URL%/*}/$PG_DATABASE"
  else
    unset DATABASE_URL
  fi
}

# The session cookie of the first demo account of ROLE in SEED_LOG (seed-demo prints them once), signed in
# through the sign-in form's own server function; empty when the sign-in fails.
sign_in() {
  local base=$1 seed_log=$2 role=$3 email password action
  read -r email password < <(awk -v role="$role" '$1 == role {print $2, $3; exit}' "$seed_log")
  action=$(curl -sf "$base/masuk" | grep -o 'action="/api/sign_in[^"]*"' | head -1 | cut -d'"' -f2)
  curl -s -o /dev/null -D - -X POST -H "Origin: $base" \
      --data-urlencode "email=$email" --data-urlencode "password=$password" "$base$action" \
    | awk -F'[ ;]' 'tolower($1) == "set-cookie:" {print $2; exit}'
}
