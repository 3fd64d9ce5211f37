# Writes a legacy "version 2.0" backup document the way the seed backup function does
# (../shared/seeds/000_*.txt: backup_single_table builds the dict, calculate_checksum is copied
# verbatim, the file body is json.dumps(backup_data, indent=2, default=str)), from items given as
# JSON on stdin. Options let tests reorder or drop fields; the checksum is always Python's own.
#
# stdin: {"items": [...], "table": "t", "order": [field names, optional]}
import hashlib
import json
import sys


def calculate_checksum(items):
    """Tính SHA256 checksum cho tính toàn vẹn dữ liệu"""
    content = json.dumps(items, sort_keys=True, default=str)
    return hashlib.sha256(content.encode()).hexdigest()


spec = json.loads(sys.stdin.read())
items = spec['items']
backup_data = {
    'table_name': spec.get('table', 'legacy-table'),
    'backup_timestamp': '2024-05-06T07:08:09.123456',
    'item_count': len(items),
    'data': items,
    'checksum': calculate_checksum(items),
    'version': '2.0'
}
if 'order' in spec:
    backup_data = {name: backup_data[name] for name in spec['order']}
sys.stdout.write(json.dumps(backup_data, indent=2, default=str))
