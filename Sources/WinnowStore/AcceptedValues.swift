import Foundation
import GRDB

extension Store {
    /// Every audited field's accepted value for each item (absent fields have none), as the audit
    /// log records values: what replaying the log must give.
    public func acceptedValues(of items: [Int64]) throws -> [Int64: [String: String]] {
        try pool.read { db in
            var values: [Int64: [String: String]] = [:]
            for item in items {
                var fields: [String: String] = [:]
                for field in ItemField.allCases {
                    if let value = try Self.currentValue(field, item: item, db: db) { fields[field.rawValue] = value }
                }
                values[item] = fields
            }
            return values
        }
    }
}
